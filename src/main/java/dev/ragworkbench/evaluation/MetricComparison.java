package dev.ragworkbench.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Run B against run A on one metric, over the queries or items both scored. With no pair at all the means,
 * interval and p-value are NaN (JSON null).
 *
 * @param metric   canonical metric name
 * @param type     how it was compared
 * @param meanA    A's mean over the paired ids
 * @param meanB    B's mean over the paired ids
 * @param delta    mean of B − A over the paired ids
 * @param ciLow    lower end of the 95 % percentile-bootstrap interval of {@code delta}
 * @param ciHigh   upper end of that interval
 * @param p        two-sided paired randomisation p-value
 * @param paired   ids both runs scored
 * @param excluded ids only one of the runs scored, left out of everything above
 * @param passFail McNemar's test and the flips, for pass/fail metrics only (null otherwise)
 */
@JsonPropertyOrder({"meanA", "meanB", "delta", "ciLow", "ciHigh", "p", "paired", "excluded"})
public record MetricComparison(@JsonIgnore String metric, @JsonIgnore MetricType type, double meanA, double meanB,
                               double delta, double ciLow, double ciHigh, double p, int paired, int excluded,
                               @JsonUnwrapped @JsonInclude(JsonInclude.Include.NON_NULL) Flips passFail) {

    public MetricComparison {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(type, "type");
        if ((passFail != null) != (type == MetricType.PASS_FAIL)) {
            throw new IllegalArgumentException("McNemar and flips belong to pass/fail metrics only: " + metric);
        }
    }

    /**
     * The pass/fail part of a comparison.
     *
     * @param mcnemarP     McNemar's exact two-sided p-value on the discordant pairs
     * @param rightToWrong ids A passed and B failed, in A's order
     * @param wrongToRight ids A failed and B passed, in A's order
     */
    @JsonPropertyOrder({"mcnemarP", "rightToWrong", "wrongToRight"})
    public record Flips(double mcnemarP, List<String> rightToWrong, List<String> wrongToRight) {
        public Flips {
            rightToWrong = List.copyOf(rightToWrong);
            wrongToRight = List.copyOf(wrongToRight);
        }
    }

    public Optional<Flips> flips() {
        return Optional.ofNullable(passFail);
    }

    /** Whether the randomisation test rejects "no difference" at level {@code alpha}. */
    public boolean significant(double alpha) {
        return p < alpha;
    }
}
