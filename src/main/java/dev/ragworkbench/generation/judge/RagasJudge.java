package dev.ragworkbench.generation.judge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ragworkbench.embedding.Embedder;
import dev.ragworkbench.evaluation.EmbeddingSimilarity;
import dev.ragworkbench.generation.ChatClient;
import dev.ragworkbench.generation.ChatReply;
import dev.ragworkbench.generation.judge.JsonJudgeCall.InvalidReply;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Ragas's four judge metrics on one answer, after Ragas's current definitions, with our prompts
 * ({@link JudgePrompts}) and every reply parsed strictly ({@link JsonJudgeCall}):
 * <ul>
 *   <li>{@code faithfulness}: the answer split into statements, each judged supported by the context or not;
 *       supported / total;</li>
 *   <li>{@code answer_relevancy}: {@code n} questions generated back from the answer, the mean cosine of their
 *       vectors with the question's; 0 when the judge calls the answer noncommittal;</li>
 *   <li>{@code context_precision}: each chunk judged useful for reaching the reference answer or not; the
 *       average precision over the ranks (Σ precision@k · useful_k / Σ useful_k; 0 when none is useful);</li>
 *   <li>{@code context_recall}: the reference answer split into statements, each judged attributable to the
 *       context or not; attributed / total.</li>
 * </ul>
 * An answer (or reference) that splits into no statement is not scored, with its own reason, rather than NaN.
 * Thread-safe: each call is independent; the caller runs items in parallel.
 */
public final class RagasJudge {

    public static final String FAITHFULNESS = "faithfulness";
    public static final String ANSWER_RELEVANCY = "answer_relevancy";
    public static final String CONTEXT_PRECISION = "context_precision";
    public static final String CONTEXT_RECALL = "context_recall";
    public static final List<String> METRICS = List.of(FAITHFULNESS, ANSWER_RELEVANCY, CONTEXT_PRECISION,
            CONTEXT_RECALL);

    private final ChatClient judge;
    private final Supplier<Embedder> embedder;
    private final int questions;

    /**
     * @param embedder  what answer_relevancy compares questions with, loaded when first needed
     * @param questions how many questions answer_relevancy generates from an answer (Ragas's default is 3)
     */
    public RagasJudge(ChatClient judge, Supplier<Embedder> embedder, int questions) {
        this.judge = Objects.requireNonNull(judge, "judge");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        if (questions < 1) {
            throw new IllegalArgumentException("answer_relevancy needs at least one question, got " + questions);
        }
        this.questions = questions;
    }

    /** What one answer is judged on. {@code context} is the chunks as the answering model saw them. */
    public record Item(String id, String question, String answer, String reference, List<String> chunks,
                       String context) {
        public Item {
            chunks = List.copyOf(chunks);
        }
    }

    /** The verdict of {@code metric} (one of {@link #METRICS}) on {@code item}. */
    public JudgeVerdict judge(String metric, Item item, Cancellation cancel) {
        return switch (metric) {
            case FAITHFULNESS -> faithfulness(item, cancel);
            case ANSWER_RELEVANCY -> answerRelevancy(item, cancel);
            case CONTEXT_PRECISION -> contextPrecision(item, cancel);
            case CONTEXT_RECALL -> contextRecall(item, cancel);
            default -> throw new IllegalArgumentException("unknown judge metric '" + metric + "'; known: "
                    + String.join(", ", METRICS));
        };
    }

    JudgeVerdict faithfulness(Item item, Cancellation cancel) {
        var split = JsonJudgeCall.ask(judge, item.id() + "/" + FAITHFULNESS + ".statements",
                JudgePrompts.STATEMENTS.render(Map.of("question", item.question(), "answer", item.answer())),
                reply -> strings(reply, "statements"), cancel);
        if (!(split instanceof JsonJudgeCall.Judged<List<String>> statements)) {
            return JudgeVerdict.of(FAITHFULNESS, (JsonJudgeCall.Failed<?>) split, List.of());
        }
        if (statements.value().isEmpty()) {
            return JudgeVerdict.failed(FAITHFULNESS, JudgeVerdict.Status.NO_STATEMENTS,
                    "the answer makes no statement that could be checked against the context", statements.replies());
        }
        int n = statements.value().size();
        var verdicts = JsonJudgeCall.ask(judge, item.id() + "/" + FAITHFULNESS + ".verdicts",
                JudgePrompts.VERDICTS.render(Map.of("context", item.context(),
                        "statements", numbered(statements.value()))),
                reply -> flags(reply, "verdicts", "verdict", n), cancel);
        return switch (verdicts) {
            case JsonJudgeCall.Judged<List<Integer>> v -> JudgeVerdict.scored(FAITHFULNESS, share(v.value()),
                    concat(statements.replies(), v.replies()));
            case JsonJudgeCall.Failed<List<Integer>> f -> JudgeVerdict.of(FAITHFULNESS, f, statements.replies());
        };
    }

    private record Generated(List<String> questions, boolean noncommittal) {
    }

    JudgeVerdict answerRelevancy(Item item, Cancellation cancel) {
        var asked = JsonJudgeCall.ask(judge, item.id() + "/" + ANSWER_RELEVANCY,
                JudgePrompts.QUESTIONS.render(Map.of("answer", item.answer(), "n", Integer.toString(questions))),
                reply -> {
                    List<String> generated = strings(reply, "questions");
                    if (generated.size() != questions || generated.stream().anyMatch(String::isBlank)) {
                        throw new InvalidReply("\"questions\" must hold " + questions + " questions, not "
                                + generated.size() + (generated.stream().anyMatch(String::isBlank) ? " (some blank)" : ""));
                    }
                    return new Generated(generated, JsonJudgeCall.integer(reply, "noncommittal", 0, 1) == 1);
                }, cancel);
        if (!(asked instanceof JsonJudgeCall.Judged<Generated> g)) {
            return JudgeVerdict.of(ANSWER_RELEVANCY, (JsonJudgeCall.Failed<?>) asked, List.of());
        }
        if (g.value().noncommittal()) {
            return JudgeVerdict.scored(ANSWER_RELEVANCY, 0, g.replies());
        }
        var texts = new ArrayList<String>();
        texts.add(item.question());
        texts.addAll(g.value().questions());
        List<float[]> vectors = embedder.get().embedDocuments(texts, ProgressListener.NONE, cancel);
        double sum = 0;
        for (int i = 1; i < vectors.size(); i++) {
            sum += EmbeddingSimilarity.cosine(vectors.getFirst(), vectors.get(i));
        }
        return JudgeVerdict.scored(ANSWER_RELEVANCY, sum / (vectors.size() - 1), g.replies());
    }

    JudgeVerdict contextPrecision(Item item, Cancellation cancel) {
        if (item.chunks().isEmpty()) {
            return JudgeVerdict.failed(CONTEXT_PRECISION, JudgeVerdict.Status.NO_CONTEXT, "no chunk was retrieved", List.of());
        }
        var replies = new ArrayList<ChatReply>();
        var useful = new ArrayList<Integer>();
        for (int k = 0; k < item.chunks().size(); k++) {
            var asked = JsonJudgeCall.ask(judge, item.id() + "/" + CONTEXT_PRECISION + "." + (k + 1),
                    JudgePrompts.USEFUL.render(Map.of("question", item.question(), "reference", item.reference(),
                            "passage", item.chunks().get(k))),
                    reply -> JsonJudgeCall.integer(reply, "verdict", 0, 1), cancel);
            if (!(asked instanceof JsonJudgeCall.Judged<Integer> v)) {
                var failed = JudgeVerdict.of(CONTEXT_PRECISION, (JsonJudgeCall.Failed<?>) asked, replies);
                return failed.status() == JudgeVerdict.Status.CANCELLED ? failed : JudgeVerdict.failed(CONTEXT_PRECISION,
                        failed.status(), "chunk " + (k + 1) + ": " + failed.reason(), failed.replies());
            }
            replies.addAll(v.replies());
            useful.add(v.value());
        }
        return JudgeVerdict.scored(CONTEXT_PRECISION, averagePrecision(useful), replies);
    }

    JudgeVerdict contextRecall(Item item, Cancellation cancel) {
        var asked = JsonJudgeCall.ask(judge, item.id() + "/" + CONTEXT_RECALL,
                JudgePrompts.ATTRIBUTED.render(Map.of("question", item.question(), "context", item.context(),
                        "reference", item.reference())),
                reply -> flags(reply, "classifications", "attributed", -1), cancel);
        return switch (asked) {
            case JsonJudgeCall.Judged<List<Integer>> v when v.value().isEmpty() -> JudgeVerdict.failed(CONTEXT_RECALL,
                    JudgeVerdict.Status.NO_STATEMENTS, "the reference answer splits into no statement to attribute",
                    v.replies());
            case JsonJudgeCall.Judged<List<Integer>> v -> JudgeVerdict.scored(CONTEXT_RECALL, share(v.value()), v.replies());
            case JsonJudgeCall.Failed<List<Integer>> f -> JudgeVerdict.of(CONTEXT_RECALL, f, List.of());
        };
    }

    /** Σ_k precision@k · v_k / Σ v_k over the 0/1 verdicts in rank order; 0 when no chunk is useful. */
    static double averagePrecision(List<Integer> useful) {
        int hits = 0;
        double sum = 0;
        for (int k = 0; k < useful.size(); k++) {
            if (useful.get(k) == 1) {
                hits++;
                sum += (double) hits / (k + 1);
            }
        }
        return hits == 0 ? 0 : sum / hits;
    }

    private static double share(List<Integer> flags) {
        return flags.stream().mapToInt(Integer::intValue).sum() / (double) flags.size();
    }

    private static String numbered(List<String> statements) {
        var out = new StringBuilder();
        for (int i = 0; i < statements.size(); i++) {
            out.append(i + 1).append(". ").append(statements.get(i)).append('\n');
        }
        return out.toString().strip();
    }

    private static List<ChatReply> concat(List<ChatReply> a, List<ChatReply> b) {
        var all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The array {@code field} of strings. */
    private static List<String> strings(JsonNode reply, String field) throws InvalidReply {
        var out = new ArrayList<String>();
        for (JsonNode item : JsonJudgeCall.array(reply, field)) {
            if (!item.isTextual()) {
                throw new InvalidReply("\"" + field + "\" must hold strings, not " + item.getNodeType().name()
                        .toLowerCase(java.util.Locale.ROOT));
            }
            out.add(item.asText());
        }
        return out;
    }

    /**
     * The 0/1 {@code flag} of each object of the array {@code field}, each with its statement and reason;
     * exactly {@code expected} of them unless it is negative.
     */
    private static List<Integer> flags(JsonNode reply, String field, String flag, int expected) throws InvalidReply {
        var items = JsonJudgeCall.array(reply, field);
        if (expected >= 0 && items.size() != expected) {
            throw new InvalidReply("\"" + field + "\" must have one entry per statement (" + expected + "), not "
                    + items.size());
        }
        var out = new ArrayList<Integer>();
        for (JsonNode item : items) {
            if (!item.isObject()) {
                throw new InvalidReply("each entry of \"" + field + "\" must be an object with \"statement\", "
                        + "\"reason\" and \"" + flag + "\"");
            }
            JsonJudgeCall.text(item, "statement");
            JsonJudgeCall.text(item, "reason");
            out.add(JsonJudgeCall.integer(item, flag, 0, 1));
        }
        return out;
    }
}
