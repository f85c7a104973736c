package dev.ragworkbench.experiment.spec;

import com.fasterxml.jackson.core.JsonToken;
import dev.ragworkbench.evaluation.AnswerMetrics;
import dev.ragworkbench.experiment.spec.ModelRunSpec.ModelRef;
import dev.ragworkbench.experiment.spec.YamlTree.MapNode;
import dev.ragworkbench.experiment.spec.YamlTree.Node;
import dev.ragworkbench.experiment.spec.YamlTree.Scalar;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.ChatProvider;
import dev.ragworkbench.generation.PromptTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.regex.Pattern;

/**
 * Reads a spec with a {@code testSet} into a {@link ModelRunSpec}, with every problem at its node as
 * {@link SpecReader} does: keys of a retrieval experiment ({@code corpus}, {@code evalSet}, {@code chunking},
 * {@code embedding}, {@code retrieval}, {@code top}) do not go with a test set.
 */
final class ModelSpecReader {

    private static final List<String> TOP_KEYS = List.of("name", "description", "testSet", "models", "prompt",
            "metrics", "sample", "judge", "tags");
    private static final List<String> RETRIEVAL_KEYS = List.of("corpus", "evalSet", "chunking", "embedding",
            "retrieval", "top");
    private static final List<String> MODEL_KEYS = List.of("name", "provider", "baseUrl", "model", "file",
            "temperature", "maxTokens", "timeout", "concurrency", "apiKeyEnv", "priceInputPer1k", "priceOutputPer1k");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path source;
    private final SpecNodes nodes;

    ModelSpecReader(Path source) {
        this(source, new SpecNodes(source));
    }

    /**
     * A reader sharing {@code nodes} (and so its problems): a retrieval spec's {@link AnswerSection} reads its
     * models axis and prompt the way a test-set spec does.
     */
    ModelSpecReader(Path source, SpecNodes nodes) {
        this.source = source;
        this.nodes = nodes;
    }

    ModelRunSpec read(String yaml) throws SpecException {
        Node root = YamlTree.parse(yaml, nodes.problems);
        MapNode spec = root == null ? null : nodes.map(root, "the spec");
        if (spec == null) {
            throw new SpecException(source, nodes.problems);
        }
        for (var entry : spec.entries().values()) {
            if (RETRIEVAL_KEYS.contains(entry.key())) {
                nodes.problem(entry, "'" + entry.key() + "' does not go with 'testSet': a test-set spec compares"
                        + " models item by item, without corpus, evalSet, chunking, embedding, retrieval or top;"
                        + " remove it (or remove testSet for a retrieval experiment)");
            } else if (!TOP_KEYS.contains(entry.key())) {
                nodes.problem(entry, "unknown key '" + entry.key() + "' in the spec; expected one of: "
                        + String.join(", ", TOP_KEYS));
            }
        }
        String name = nodes.optional(spec, "name").map(this::name).orElse(null);
        nodes.requirePresent(spec, "the spec", "name");
        String description = nodes.optional(spec, "description").map(n -> nodes.string(n, "description")).orElse("");

        Path testSet = null;
        String testSetName = null;
        MapNode ts = nodes.required(spec, "the spec", "testSet").map(n -> nodes.map(n, "testSet")).orElse(null);
        if (ts != null) {
            nodes.checkKeys(ts, "testSet", List.of("path", "name"));
            testSet = nodes.required(ts, "testSet", "path").map(n -> nodes.existingFile(n, "test set")).orElse(null);
            testSetName = nodes.optional(ts, "name").map(n -> nodes.string(n, "testSet name")).orElse(null);
            if (testSet != null && testSetName == null) {
                testSetName = String.valueOf(testSet.getFileName()).replaceFirst("(?i)\\.jsonl?$", "");
            }
        }

        var models = new ArrayList<ModelRef>();
        nodes.required(spec, "the spec", "models").ifPresent(list -> models(list, (item, m) -> models.add(m)));

        PromptTemplate prompt = PromptTemplate.defaultForTestSets();
        Path promptFile = null;
        Optional<Node> promptNode = nodes.optional(spec, "prompt");
        if (promptNode.isPresent()) {
            var read = prompt(promptNode.get());
            prompt = read.template == null ? prompt : read.template;
            promptFile = read.file;
        }

        var metrics = new ArrayList<String>();
        nodes.required(spec, "the spec", "metrics").ifPresent(list -> {
            for (Node item : nodes.items(list, "metrics")) {
                String text = nodes.string(item, "a metric");
                if (text == null) {
                    continue;
                }
                String key = text.strip().toLowerCase(Locale.ROOT);
                if (!AnswerMetrics.known(key)) {
                    nodes.problem(item, "metric '" + text + "' does not score a model's output; a test-set spec"
                            + " takes: " + String.join(", ", AnswerMetrics.NAMES));
                } else if (!metrics.contains(key)) {
                    metrics.add(key);
                }
            }
        });

        Optional<ExperimentSpec.Sample> sample = nodes.optional(spec, "sample").flatMap(this::sample);
        Optional<PairwiseJudgeSpec> judge = nodes.optional(spec, "judge").flatMap(n -> judge(n, models.size()));
        SequencedMap<String, String> tags = nodes.optional(spec, "tags").map(this::tags).orElse(new LinkedHashMap<>());
        if (!nodes.problems.isEmpty()) {
            throw new SpecException(source, nodes.problems);
        }
        return new ModelRunSpec(name, description, testSet, testSetName, models, prompt, promptFile, metrics, sample,
                judge, tags, source.toAbsolutePath().normalize(), yaml);
    }

    private String name(Node node) {
        String text = nodes.string(node, "name");
        if (text != null && !NAME.matcher(text).matches()) {
            nodes.problem(node, "name '" + text + "' must be letters, digits, '.', '_' and '-' (it names run folders)");
        }
        return text;
    }

    /** The models axis, each model given once, to {@code add} with the node it was read from. */
    void models(Node list, java.util.function.BiConsumer<Node, ModelRef> add) {
        var names = new HashSet<String>();
        for (Node item : nodes.items(list, "models")) {
            model(item).ifPresent(m -> {
                if (!names.add(m.name())) {
                    nodes.problem(item, "model '" + m.name() + "' is listed twice; give each model once");
                } else {
                    add.accept(item, m);
                }
            });
        }
    }

    /** A stored model's name, or a mapping with a provider. */
    Optional<ModelRef> model(Node item) {
        if (item instanceof Scalar s && !s.isNull()) {
            String text = s.text().strip();
            if (text.isEmpty()) {
                nodes.problem(item, "a model name must not be empty");
                return Optional.empty();
            }
            return Optional.of(ModelRef.stored(text));
        }
        MapNode map = nodes.map(item, "a model (a stored model's name, or a mapping with name and provider)");
        if (map == null) {
            return Optional.empty();
        }
        int before = nodes.problems.size();
        nodes.checkKeys(map, "a model", MODEL_KEYS);
        String name = nodes.required(map, "a model", "name").map(n -> nodes.string(n, "model name")).orElse(null);
        ChatProvider provider = nodes.required(map, "a model", "provider")
                .flatMap(n -> {
                    String text = nodes.string(n, "provider");
                    return text == null ? Optional.empty() : nodes.attempt(n, () -> ChatProvider.fromId(text));
                }).orElse(null);
        String baseUrl = nodes.optional(map, "baseUrl").map(n -> nodes.string(n, "baseUrl")).orElse(null);
        String modelId = nodes.optional(map, "model").map(n -> nodes.string(n, "model")).orElse(null);
        Path file = nodes.optional(map, "file").map(n -> nodes.existingFile(n, "predictions file")).orElse(null);
        Double temperature = nodes.optional(map, "temperature").map(n -> number(n, "temperature", 0, 2)).orElse(null);
        Integer maxTokens = nodes.optional(map, "maxTokens").map(n -> nodes.integer(n, "maxTokens", 1, 10_000_000)).orElse(null);
        Integer timeout = nodes.optional(map, "timeout").map(n -> nodes.integer(n, "timeout (seconds)", 1, 86_400)).orElse(null);
        Integer concurrency = nodes.optional(map, "concurrency").map(n -> nodes.integer(n, "concurrency", 1, 1024)).orElse(null);
        String keyEnv = nodes.optional(map, "apiKeyEnv").map(n -> nodes.string(n, "apiKeyEnv")).orElse(null);
        Double priceIn = nodes.optional(map, "priceInputPer1k").map(n -> number(n, "priceInputPer1k", 0, 1e6)).orElse(null);
        Double priceOut = nodes.optional(map, "priceOutputPer1k").map(n -> number(n, "priceOutputPer1k", 0, 1e6)).orElse(null);
        if (nodes.problems.size() > before || name == null || provider == null) {
            return Optional.empty();
        }
        if (provider == ChatProvider.PREDICTIONS && !map.entries().containsKey("file")) {
            nodes.problem(map, "model '" + name + "': a predictions model needs 'file' (JSONL of {\"id\", \"output\"})");
            return Optional.empty();
        }
        return nodes.attempt(map, () -> ModelRef.inline(new ChatModelSettings(name, provider, baseUrl, modelId, file,
                temperature, maxTokens, timeout == null ? null : Duration.ofSeconds(timeout),
                concurrency == null ? ChatModelSettings.DEFAULT_CONCURRENCY : concurrency, keyEnv, priceIn, priceOut)));
    }

    record PromptRead(PromptTemplate template, Path file) {
    }

    /** {@code prompt: TEXT}, {@code prompt: {template: TEXT}} or {@code prompt: {file: PATH}}. */
    private PromptRead prompt(Node node) {
        return prompt(node, PromptTemplate.TEST_SET_PLACEHOLDERS, List.of());
    }

    /**
     * A prompt whose placeholders are among {@code placeholders}; {@code moreKeys} are further keys its mapping
     * may have, which the caller reads ({@code contextTop}).
     */
    PromptRead prompt(Node node, java.util.Set<String> placeholders, List<String> moreKeys) {
        if (node instanceof Scalar) {
            String text = nodes.string(node, "prompt");
            return new PromptRead(text == null ? null : template(node, text, placeholders), null);
        }
        MapNode map = nodes.map(node, "prompt");
        if (map == null) {
            return new PromptRead(null, null);
        }
        var keys = new ArrayList<>(List.of("template", "file"));
        keys.addAll(moreKeys);
        nodes.checkKeys(map, "prompt", keys);
        boolean inline = map.entries().containsKey("template");
        boolean file = map.entries().containsKey("file");
        if (inline == file) {
            nodes.problem(map, "prompt needs either 'template' (the text) or 'file' (a file holding it), not "
                    + (inline ? "both" : "neither"));
            return new PromptRead(null, null);
        }
        if (inline) {
            return nodes.required(map, "prompt", "template").map(n -> {
                String text = nodes.string(n, "prompt template");
                return new PromptRead(text == null ? null : template(n, text, placeholders), null);
            }).orElse(new PromptRead(null, null));
        }
        return nodes.required(map, "prompt", "file").map(n -> {
            Path path = nodes.existingFile(n, "prompt file");
            if (path == null) {
                return new PromptRead(null, null);
            }
            try {
                return new PromptRead(template(n, Files.readString(path), placeholders), path);
            } catch (IOException e) {
                nodes.problem(n, "cannot read prompt file " + path + ": " + e.getMessage());
                return new PromptRead(null, null);
            }
        }).orElse(new PromptRead(null, null));
    }

    /**
     * {@code judge: { model: NAME, pairwise: true, rubric: TEXT | rubricFile: PATH }}, only with two models: a
     * test set's judge compares a pair of outputs (the answer metrics score each output against its reference).
     */
    private Optional<PairwiseJudgeSpec> judge(Node node, int models) {
        MapNode map = nodes.map(node, "judge");
        if (map == null) {
            return Optional.empty();
        }
        int before = nodes.problems.size();
        nodes.checkKeys(map, "judge", List.of("model", "pairwise", "rubric", "rubricFile"));
        String model = nodes.required(map, "judge", "model").map(n -> nodes.string(n, "judge model")).orElse(null);
        Node pairwise = map.entries().containsKey("pairwise") ? map.entries().get("pairwise").value() : null;
        if (!(pairwise instanceof Scalar s && s.token() == JsonToken.VALUE_TRUE)) {
            nodes.problem(pairwise == null ? map : pairwise, "a test-set spec's judge compares the two models' outputs"
                    + " pair by pair: write 'pairwise: true'");
        }
        if (map.entries().containsKey("rubric") && map.entries().containsKey("rubricFile")) {
            nodes.problem(map, "judge takes 'rubric' (the text) or 'rubricFile' (a file holding it), not both");
        }
        String rubric = nodes.optional(map, "rubric").map(n -> nonBlank(n, nodes.string(n, "rubric"))).orElse(null);
        Path rubricFile = nodes.optional(map, "rubricFile").map(n -> nodes.existingFile(n, "rubric file")).orElse(null);
        if (rubricFile != null) {
            Node at = map.entries().get("rubricFile").value();
            try {
                rubric = nonBlank(at, Files.readString(rubricFile));
            } catch (IOException e) {
                nodes.problem(at, "cannot read rubric file " + rubricFile + ": " + e.getMessage());
            }
        }
        if (models != 2) {
            nodes.problem(map, "a pairwise judge compares exactly two models; 'models' lists " + models);
        }
        if (nodes.problems.size() > before || model == null) {
            return Optional.empty();
        }
        return Optional.of(new PairwiseJudgeSpec(model.strip(),
                rubric == null ? dev.ragworkbench.generation.judge.PairwisePrompt.DEFAULT_RUBRIC : rubric, rubricFile));
    }

    private String nonBlank(Node node, String text) {
        if (text != null && text.isBlank()) {
            nodes.problem(node, "the rubric is empty; leave it out for the default rubric");
            return null;
        }
        return text;
    }

    private PromptTemplate template(Node node, String text, java.util.Set<String> placeholders) {
        return nodes.attempt(node, () -> PromptTemplate.parse(text, placeholders)).orElse(null);
    }

    private Double number(Node node, String what, double min, double max) {
        if (node instanceof Scalar s && (s.token() == JsonToken.VALUE_NUMBER_INT || s.token() == JsonToken.VALUE_NUMBER_FLOAT)) {
            try {
                double v = Double.parseDouble(s.text().replace("_", ""));
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            nodes.problem(node, what + " must be between " + fmt(min) + " and " + fmt(max) + ", got " + s.text());
            return null;
        }
        nodes.problem(node, what + " must be a number, got " + node.describe());
        return null;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private Optional<ExperimentSpec.Sample> sample(Node node) {
        MapNode map = nodes.map(node, "sample");
        if (map == null) {
            return Optional.empty();
        }
        nodes.checkKeys(map, "sample", List.of("n", "seed"));
        Integer n = nodes.required(map, "sample", "n").map(v -> nodes.integer(v, "sample n", 1, Integer.MAX_VALUE)).orElse(null);
        Long seed = nodes.optional(map, "seed").map(nodes::seed).orElse(ExperimentSpec.DEFAULT_SEED);
        return n == null || seed == null ? Optional.empty() : Optional.of(new ExperimentSpec.Sample(n, seed));
    }

    private SequencedMap<String, String> tags(Node node) {
        var tags = new LinkedHashMap<String, String>();
        MapNode map = nodes.map(node, "tags");
        if (map != null) {
            for (var entry : map.entries().values()) {
                String value = nodes.string(entry.value(), "tag '" + entry.key() + "'");
                if (value != null) {
                    tags.put(entry.key(), value);
                }
            }
        }
        return tags;
    }
}
