package dev.ragworkbench.evaluation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A metric at a cut-off, named as users write it: {@code ndcg@10}, {@code recall@100}, {@code precision@5}
 * (alias {@code p@5}), {@code mrr@10}, {@code map@100}, {@code success@1}. Names are case-insensitive; trec_eval's
 * own names ({@code ndcg_cut.10}, {@code P.5}, {@code recall.100}, {@code map_cut.100}, {@code success.1}) are
 * accepted too. {@link #toString()} and JSON use the canonical lower-case {@code kind@k} form.
 *
 * <p>These are the metrics computed from rankings and qrels. Every metric name, these and the others
 * ({@code exact_match}, {@code token_f1}, a free {@code latency_ms}), is described by {@link MetricRegistry}.
 *
 * @param kind which metric; see {@link MetricKind} for the trec_eval measure each one equals
 * @param k    the ranking cut-off, ≥ 1
 */
public record Metric(MetricKind kind, int k) {

    /** trec_eval's default relevance level: a document is relevant when its grade is at least this. */
    public static final int RELEVANCE_LEVEL = 1;

    private static final String KNOWN = "ndcg@k, recall@k, precision@k (p@k), mrr@k, map@k, success@k";

    public Metric {
        Objects.requireNonNull(kind, "kind");
        if (k < 1) {
            throw new IllegalArgumentException("cut-off k must be at least 1 but was " + k);
        }
    }

    public static Metric of(MetricKind kind, int k) {
        return new Metric(kind, k);
    }

    /** Parses a metric name; throws {@link IllegalArgumentException} saying what is wrong and what is known. */
    @JsonCreator
    public static Metric parse(String text) {
        Objects.requireNonNull(text, "metric name");
        String s = text.strip();
        int at = s.indexOf('@');
        String name;
        String cut;
        if (at >= 0) {
            name = s.substring(0, at).strip().toLowerCase(Locale.ROOT);
            cut = s.substring(at + 1).strip();
        } else {
            int dot = s.lastIndexOf('.');
            name = (dot >= 0 ? s.substring(0, dot) : s).strip().toLowerCase(Locale.ROOT);
            cut = dot >= 0 ? s.substring(dot + 1).strip() : null;
        }
        MetricKind kind = switch (name) {
            case "ndcg", "ndcg_cut" -> MetricKind.NDCG;
            case "recall", "r" -> MetricKind.RECALL;
            case "precision", "p" -> MetricKind.PRECISION;
            case "mrr", "recip_rank", "rr" -> MetricKind.MRR;
            case "map", "map_cut", "ap" -> MetricKind.MAP;
            case "success", "hit", "hits" -> MetricKind.SUCCESS;
            default -> throw new IllegalArgumentException(
                    "unknown metric '" + text + "'; known metrics: " + KNOWN);
        };
        if (cut == null || cut.isEmpty()) {
            throw new IllegalArgumentException(
                    "metric '" + text + "' needs a cut-off, e.g. " + kind.label() + "@10");
        }
        int k;
        try {
            k = Integer.parseInt(cut);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metric '" + text + "': cut-off '" + cut + "' is not a whole number");
        }
        if (k < 1) {
            throw new IllegalArgumentException("metric '" + text + "': cut-off must be at least 1");
        }
        return new Metric(kind, k);
    }

    /** Parses a comma-separated list such as {@code "ndcg@10, recall@100"}. */
    public static List<Metric> parseList(String text) {
        var metrics = new ArrayList<Metric>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                metrics.add(parse(part));
            }
        }
        return List.copyOf(metrics);
    }

    /** The trec_eval measure this equals, e.g. {@code ndcg_cut.10}; for MRR, {@code recip_rank} with -M k. */
    public String trecEvalName() {
        return kind == MetricKind.MRR ? "recip_rank (-M " + k + ")" : kind.trecEvalName() + "." + k;
    }

    /** Ranked, or pass/fail for {@code success@k}; see {@link MetricRegistry} for every other name. */
    public MetricType type() {
        return kind.type();
    }

    /** Value for one query; see {@link #kind()}. */
    double compute(int[] grades, int retrieved, JudgedQuery query) {
        return kind.compute(grades, retrieved, query, k);
    }

    @JsonValue
    @Override
    public String toString() {
        return kind.label() + "@" + k;
    }
}
