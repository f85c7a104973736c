package dev.ragworkbench.generation.judge;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Objects;

/**
 * The pairwise judge's prompt and the strict reading of its reply. The judge sees the task (the prompt the two
 * models got), the reference answer, and two responses labelled A and B, and must reply with one JSON object,
 * {@code {"reason": "…", "verdict": "A" | "B" | "tie"}}, asked through {@link JsonJudgeCall}. Labels are positions, not models: the caller asks once
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

    /**
     * The question for one item with {@code first} in position A and {@code second} in position B: the judge's
     * role, the rubric, the reply's exact form, then the task, the reference answer and the two responses.
     */
    public String prompt(String task, String reference, String first, String second) {
        return """
                You are an impartial judge. You compare two responses, A and B, to the same task and decide which \
                one is better by the rubric below. The order in which the responses are shown is arbitrary: it \
                must not change your verdict, and neither must their length.

                Rubric:
                %s

                Reply with one JSON object and nothing else, in this form:
                {"reason": "<one or two sentences>", "verdict": "A" | "B" | "tie"}

                [Task]
                %s

                [Reference answer]
                %s

                [Response A]
                %s
                [End of response A]

                [Response B]
                %s
                [End of response B]""".formatted(rubric, task.strip(), reference.strip(), first.strip(), second.strip());
    }

    /** The prompt with its per-item parts as placeholders: the run's artifact, to read what the judge was told. */
    public String describe() {
        return prompt("{task}", "{reference}", "{response A}", "{response B}") + "\n";
    }

    /** A verdict with the judge's reason (empty when it gave none). */
    public record Verdict(Choice choice, String reason) {
    }

    /**
     * Reads a parsed reply: an object whose {@code "verdict"} is {@code "A"}, {@code "B"} or {@code "tie"} (any
     * case), with an optional string {@code "reason"}. Anything else is refused with the reason, which the judge
     * sees on its retry.
     */
    public static Verdict verdict(JsonNode reply) throws JsonJudgeCall.InvalidReply {
        String v = JsonJudgeCall.text(reply, "verdict");
        Choice choice = switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "a" -> Choice.A;
            case "b" -> Choice.B;
            case "tie" -> Choice.TIE;
            default -> throw new JsonJudgeCall.InvalidReply("\"verdict\" must be \"A\", \"B\" or \"tie\", not \""
                    + v + "\"");
        };
        JsonNode reason = reply.get("reason");
        return new Verdict(choice, reason != null && reason.isTextual() ? reason.asText() : "");
    }
}
