package dev.ragworkbench.evaluation;

import dev.ragworkbench.progress.Cancellation;

import java.util.List;

/**
 * A metric of a model's output against the expected output, needing no LLM: {@code exact_match},
 * {@code token_f1}, {@code rouge_l}, {@code embedding_similarity}, {@code json_field_accuracy} (see
 * {@link AnswerMetrics}). Scores a whole list at once, so a metric with a model behind it can batch.
 */
public interface AnswerMetric {

    /** The canonical name, as {@link MetricRegistry} knows it. */
    String name();

    MetricType type();

    /** One score per pair, in order; {@code outputs} and {@code expected} have the same size. */
    List<AnswerScore> score(List<String> outputs, List<String> expected, Cancellation cancel);

    /** A metric that scores pair by pair. */
    interface PerPair extends AnswerMetric {
        AnswerScore score(String output, String expected);

        @Override
        default List<AnswerScore> score(List<String> outputs, List<String> expected, Cancellation cancel) {
            if (outputs.size() != expected.size()) {
                throw new IllegalArgumentException(outputs.size() + " outputs for " + expected.size() + " expected");
            }
            var scores = new java.util.ArrayList<AnswerScore>(outputs.size());
            for (int i = 0; i < outputs.size(); i++) {
                cancel.check();
                scores.add(score(outputs.get(i), expected.get(i)));
            }
            return scores;
        }
    }
}
