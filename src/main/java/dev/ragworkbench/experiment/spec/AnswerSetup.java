package dev.ragworkbench.experiment.spec;

import dev.ragworkbench.experiment.spec.ModelRunSpec.ModelRef;
import dev.ragworkbench.generation.PromptTemplate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a retrieval spec with a {@code models} axis adds: every query is answered by each model from its top
 * chunks through the prompt, and the answers scored against the eval set's reference answers (and, with a
 * judge, by Ragas's four judge metrics). Runs = the retrieval grid × models.
 *
 * @param models     the models axis, distinct by name, in file order, each with where the spec names it
 * @param prompt     placeholders {@code {question}} and {@code {context}}; {@link PromptTemplate#DEFAULT_RAG_TEXT}
 *                   when the spec gives none
 * @param promptFile the file the prompt was read from, or null when inline or default
 * @param contextTop how many of the top chunks go into {@code {context}}
 * @param judge      the judge model, if the spec asks for judge metrics
 */
public record AnswerSetup(List<Model> models, PromptTemplate prompt, Path promptFile, int contextTop,
                          Optional<Judge> judge) {

    public static final int DEFAULT_CONTEXT_TOP = 5;
    /** Ragas's default number of questions generated back from an answer ({@code strictness}). */
    public static final int DEFAULT_QUESTIONS = 3;

    public AnswerSetup {
        models = List.copyOf(models);
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(judge, "judge");
        if (models.isEmpty()) {
            throw new IllegalArgumentException("answers need at least one model");
        }
        if (contextTop < 1) {
            throw new IllegalArgumentException("contextTop must be at least 1 but was " + contextTop);
        }
    }

    /**
     * One model of the axis and where the spec names it: a stored name is looked up only when the spec runs,
     * and a name the workspace does not know is reported at that line and column.
     */
    public record Model(ModelRef ref, int line, int column) {
        public Model {
            Objects.requireNonNull(ref, "ref");
        }
    }

    /**
     * {@code judge: { model: NAME, questions: 3 }}.
     *
     * @param questions how many questions {@code answer_relevancy} generates back from each answer
     */
    public record Judge(Model model, int questions) {
        public Judge {
            Objects.requireNonNull(model, "model");
            if (questions < 1) {
                throw new IllegalArgumentException("questions must be at least 1 but was " + questions);
            }
        }
    }
}
