package dev.ragworkbench.evaluation;

import dev.ragworkbench.embedding.Embedder;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The answer metrics that need no LLM, by name: {@code exact_match} and {@code token_f1} with SQuAD's
 * normalisation, {@code rouge_l}, {@code embedding_similarity} and {@code json_field_accuracy}.
 */
public final class AnswerMetrics {

    public static final String EXACT_MATCH = "exact_match";
    public static final String TOKEN_F1 = "token_f1";
    public static final String ROUGE_L = "rouge_l";

    /** What an answer of a RAG set-up is always scored with, against the eval set's reference answer. */
    public static final List<String> REFERENCE_NAMES = List.of(EXACT_MATCH, TOKEN_F1, ROUGE_L);

    /** Ragas's four judge metrics, which a judge model scores (see {@code generation.judge}). */
    public static final List<String> JUDGE_NAMES = List.of("faithfulness", "answer_relevancy", "context_precision",
            "context_recall");

    /** Every name {@link #create} knows, in the order panes list them. */
    public static final List<String> NAMES = List.of(EXACT_MATCH, TOKEN_F1, ROUGE_L, EmbeddingSimilarity.NAME,
            JsonFieldAccuracy.NAME);

    private AnswerMetrics() {
    }

    /**
     * {@code registry} with the names these metrics and the judge metrics add to the standard ones
     * ({@code exact_match}, {@code token_f1}, {@code rouge_l} and {@code faithfulness} are registered there
     * already).
     */
    public static MetricRegistry register(MetricRegistry registry) {
        MetricRegistry r = registry;
        for (String name : List.of(EmbeddingSimilarity.NAME, JsonFieldAccuracy.NAME)) {
            if (r.find(name).isEmpty()) {
                r = r.with(name, MetricType.SCORE, MetricNeed.REFERENCE_ANSWER);
            }
        }
        for (String name : JUDGE_NAMES) {
            if (r.find(name).isEmpty()) {
                // the context metrics judge the chunks against the reference answer
                r = name.startsWith("context_")
                        ? r.with(name, MetricType.SCORE, MetricNeed.JUDGE_MODEL, MetricNeed.REFERENCE_ANSWER)
                        : r.with(name, MetricType.SCORE, MetricNeed.JUDGE_MODEL);
            }
        }
        return r;
    }

    /** The standard registry with these metrics: what run comparisons use. */
    public static MetricRegistry registry() {
        return register(MetricRegistry.standard());
    }

    /** Whether {@code name} (any case) is one of these metrics. */
    public static boolean known(String name) {
        return NAMES.contains(name.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The metric called {@code name}.
     *
     * @param embedder the embedder of {@code embedding_similarity}, asked for only when it scores
     * @throws IllegalArgumentException naming the metrics there are
     */
    public static AnswerMetric create(String name, Supplier<Embedder> embedder) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        return switch (key) {
            case EXACT_MATCH -> perPair(EXACT_MATCH, MetricType.PASS_FAIL, SquadText::exactMatch);
            case TOKEN_F1 -> perPair(TOKEN_F1, MetricType.SCORE, SquadText::tokenF1);
            case ROUGE_L -> perPair(ROUGE_L, MetricType.SCORE, SquadText::rougeL);
            case EmbeddingSimilarity.NAME -> new EmbeddingSimilarity(embedder);
            case JsonFieldAccuracy.NAME -> new JsonFieldAccuracy();
            default -> throw new IllegalArgumentException("unknown answer metric '" + name + "'; known: "
                    + String.join(", ", NAMES));
        };
    }

    private interface Scoring {
        double score(String output, String expected);
    }

    private static AnswerMetric perPair(String name, MetricType type, Scoring scoring) {
        return new AnswerMetric.PerPair() {
            @Override
            public AnswerScore score(String output, String expected) {
                return AnswerScore.of(scoring.score(output, expected));
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public MetricType type() {
                return type;
            }
        };
    }
}
