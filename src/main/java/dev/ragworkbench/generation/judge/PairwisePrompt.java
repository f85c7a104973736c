package dev.ragworkbench.generation.judge;

import dev.ragworkbench.generation.ChatMessage;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The pairwise judge's prompt and the strict reading of its reply. The judge sees the task (the prompt the two
 * models got), the reference answer, and two responses labelled A and B, and must reply with one JSON object,
 * {@code {"reason": "…", "verdict": "A" | "B" | "tie"}}. Labels are positions, not models: the caller asks once
 * with each model in position A, so a judge that favours a position shows up as two orders that disagree (as
 * FastChat's MT-Bench judge does it; the wording here is our own).
 */
public final class PairwisePrompt {

    /** What "better" means when the user gives no rubric of their own. */
    public static final String DEFAULT_RUBRIC = """
            Prefer the response that does what the task asks, correctly and completely, and agrees in substance \
            with the reference answer (the wording may differ). A response that adds false or irrelevant content \
            is worse than one that does not. Answer "tie" when both are equally good or equally bad.""";

    /** A position's verdict: which position the judge prefers. */
    public enum Choice {
        A, B, TIE;

        public String id() {
            return this == TIE ? "tie" : name();
        }
    }

    private final String rubric;

    public PairwisePrompt(String rubric) {
        this.rubric = Objects.requireNonNull(rubric, "rubric").strip();
        if (this.rubric.isEmpty()) {
            throw new IllegalArgumentException("the rubric is empty");
        }
    }

    public String rubric() {
        return rubric;
    }

    /** The system message: the judge's role, the rubric, and the reply's exact form. */
    public String system() {
        return """
                You are an impartial judge. You compare two responses, A and B, to the same task and decide which \
                one is better by the rubric below. The order in which the responses are shown is arbitrary: it \
                must not change your verdict, and neither must their length.

                Rubric:
                %s

                Reply with one JSON object and nothing else, in this form:
                {"reason": "<one or two sentences>", "verdict": "A" | "B" | "tie"}""".formatted(rubric);
    }

    /** The user message for one item with {@code first} in position A and {@code second} in position B. */
    public String user(String task, String reference, String first, String second) {
        return """
                [Task]
                %s

                [Reference answer]
                %s

                [Response A]
                %s
                [End of response A]

                [Response B]
                %s
                [End of response B]""".formatted(task.strip(), reference.strip(), first.strip(), second.strip());
    }

    public List<ChatMessage> messages(String task, String reference, String first, String second) {
        return List.of(ChatMessage.system(system()), ChatMessage.user(user(task, reference, first, second)));
    }

    /** The whole prompt as text, for the run's artifact: what a reader needs to know what the judge was told. */
    public String describe() {
        return system() + "\n\n---\n\n" + user("{task}", "{reference}", "{response A}", "{response B}") + "\n";
    }

    /**
     * The verdict of a parsed reply: an object whose {@code "verdict"} is {@code "A"}, {@code "B"} or
     * {@code "tie"} (any case). Anything else is refused with the reason, for the judge's retry and the record.
     */
    public static Choice verdict(com.fasterxml.jackson.databind.JsonNode reply) {
        if (reply == null || !reply.isObject()) {
            throw new IllegalArgumentException("the reply must be a JSON object with \"verdict\"");
        }
        var v = reply.get("verdict");
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("the object has no string \"verdict\"; give \"verdict\": \"A\", \"B\" or \"tie\"");
        }
        return switch (v.asText().strip().toLowerCase(Locale.ROOT)) {
            case "a" -> Choice.A;
            case "b" -> Choice.B;
            case "tie" -> Choice.TIE;
            default -> throw new IllegalArgumentException("\"verdict\" must be \"A\", \"B\" or \"tie\", got \""
                    + v.asText() + "\"");
        };
    }
}
