package dev.ragworkbench.experiment.spec;

import dev.ragworkbench.experiment.spec.YamlTree.MapNode;
import dev.ragworkbench.experiment.spec.YamlTree.Node;
import dev.ragworkbench.generation.PromptTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the answer keys of a retrieval spec: {@code models} (as a test-set spec's, through
 * {@link ModelSpecReader}), {@code prompt} (placeholders {@code {question}} and {@code {context}}, plus
 * {@code contextTop}) and {@code judge}. Without {@code models} the other two are errors: nothing would answer.
 */
final class AnswerSection {

    static final List<String> KEYS = List.of("models", "prompt", "judge");

    private final SpecNodes nodes;
    private final ModelSpecReader models;

    AnswerSection(Path source, SpecNodes nodes) {
        this.nodes = nodes;
        this.models = new ModelSpecReader(source, nodes);
    }

    Optional<AnswerSetup> read(MapNode spec) {
        var entries = spec.entries();
        if (!entries.containsKey("models")) {
            for (String key : List.of("prompt", "judge")) {
                if (entries.containsKey(key)) {
                    nodes.problem(entries.get(key), "'" + key + "' needs 'models': the models that answer each"
                            + " query from its top chunks, e.g. models: [ my-model ]");
                }
            }
            return Optional.empty();
        }
        int before = nodes.problems.size();
        var axis = new ArrayList<AnswerSetup.Model>();
        nodes.required(spec, "the spec", "models").ifPresent(list -> models.models(list,
                (item, m) -> axis.add(new AnswerSetup.Model(m, item.line(), item.column()))));

        PromptTemplate prompt = PromptTemplate.defaultForRag();
        Path promptFile = null;
        int contextTop = AnswerSetup.DEFAULT_CONTEXT_TOP;
        Optional<Node> promptNode = nodes.optional(spec, "prompt");
        if (promptNode.isPresent()) {
            if (promptNode.get() instanceof MapNode map && !map.entries().containsKey("template")
                && !map.entries().containsKey("file")) {
                nodes.checkKeys(map, "prompt", List.of("template", "file", "contextTop")); // the default text
            } else {
                var read = models.prompt(promptNode.get(), PromptTemplate.RAG_PLACEHOLDERS, List.of("contextTop"));
                prompt = read.template() == null ? prompt : read.template();
                promptFile = read.file();
            }
            if (promptNode.get() instanceof MapNode map) {
                Integer top = nodes.optional(map, "contextTop")
                        .map(n -> nodes.integer(n, "contextTop (chunks in {context})", 1, 1000)).orElse(null);
                contextTop = top == null ? contextTop : top;
            }
        }
        Optional<AnswerSetup.Judge> judge = nodes.optional(spec, "judge").flatMap(this::judge);
        if (nodes.problems.size() > before || axis.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AnswerSetup(axis, prompt, promptFile, contextTop, judge));
    }

    /** {@code judge: { model: NAME | {inline model}, questions: N }}, or {@code judge: NAME}. */
    private Optional<AnswerSetup.Judge> judge(Node node) {
        if (!(node instanceof MapNode map)) {
            return models.model(node).map(m -> new AnswerSetup.Judge(
                    new AnswerSetup.Model(m, node.line(), node.column()), AnswerSetup.DEFAULT_QUESTIONS));
        }
        nodes.checkKeys(map, "judge", List.of("model", "questions"));
        Integer questions = nodes.optional(map, "questions")
                .map(n -> nodes.integer(n, "judge questions", 1, 20)).orElse(AnswerSetup.DEFAULT_QUESTIONS);
        return nodes.required(map, "judge", "model").flatMap(n -> models.model(n)
                .flatMap(m -> questions == null ? Optional.empty() : Optional.of(new AnswerSetup.Judge(
                        new AnswerSetup.Model(m, n.line(), n.column()), questions))));
    }
}
