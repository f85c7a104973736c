package dev.ragworkbench.experiment.store;

import java.time.Instant;

/**
 * One point of a metric's curve over a run's steps (a training loss, a validation nDCG@10 by epoch).
 *
 * @param recordedAt when it was logged; null in a batch not yet written (the write stamps it)
 */
public record StepMetric(String metric, long step, double value, Instant recordedAt) {

    public StepMetric {
        StoreChecks.requireText(metric, "step metric name");
        StoreChecks.checkFinite(metric + " at step " + step, value);
    }

    public StepMetric(String metric, long step, double value) {
        this(metric, step, value, null);
    }

    StepMetric canonical() {
        return new StepMetric(MetricNames.canonical(metric), step, value, recordedAt);
    }
}
