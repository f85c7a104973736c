package dev.ragworkbench.experiment.spec;

import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.PromptTemplate;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * A spec with a {@code testSet}: models (stored names, or inline settings) answering every item of one test set
 * through one prompt, scored by answer metrics. One run per model.
 *
 * @param testSetPath the JSONL file (absolute)
 * @param testSetName its label, the file's name without {@code .jsonl} unless the spec gives one
 * @param models      the models axis, distinct by name, in file order
 * @param prompt      the prompt; {@link PromptTemplate#DEFAULT_TEXT} when the spec gives none
 * @param promptFile  the file the prompt was read from, or null when inline or default
 * @param metrics     answer metric names (canonical), distinct, in file order
 * @param sample      a random subset of items to run
 * @param judge       a pairwise judge of the two models' outputs, when the spec has one
 */
public record ModelRunSpec(String name, String description, Path testSetPath, String testSetName,
                           List<ModelRef> models, PromptTemplate prompt, Path promptFile, List<String> metrics,
                           Optional<ExperimentSpec.Sample> sample, Optional<PairwiseJudgeSpec> judge,
                           SequencedMap<String, String> tags, Path source, String yaml) implements RunnableSpec {

    public ModelRunSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(testSetPath, "testSetPath");
        Objects.requireNonNull(testSetName, "testSetName");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(judge, "judge");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(yaml, "yaml");
        models = List.copyOf(models);
        metrics = List.copyOf(metrics);
        tags = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(tags));
        if (models.isEmpty()) {
            throw new IllegalArgumentException("a test-set spec needs at least one model");
        }
        if (judge.isPresent() && models.size() != 2) {
            throw new IllegalArgumentException("a pairwise judge compares exactly two models, not " + models.size());
        }
    }

    /**
     * One item of the models axis: the name of a model stored in the workspace ({@code models add}), resolved
     * when the spec runs, or settings given inline.
     */
    public record ModelRef(String stored, ChatModelSettings inline) {
        public ModelRef {
            if ((stored == null) == (inline == null)) {
                throw new IllegalArgumentException("a model is either stored or inline");
            }
        }

        public static ModelRef stored(String name) {
            return new ModelRef(name, null);
        }

        public static ModelRef inline(ChatModelSettings settings) {
            return new ModelRef(null, settings);
        }

        public String name() {
            return stored != null ? stored : inline.name();
        }
    }

    /** Parses spec text as {@link Specs#parse} does, requiring a test-set spec. */
    public static ModelRunSpec parse(String yaml, Path source) throws SpecException {
        return new ModelSpecReader(source).read(yaml);
    }
}
