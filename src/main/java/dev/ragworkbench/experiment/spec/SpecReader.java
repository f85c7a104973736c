package dev.ragworkbench.experiment.spec;

import dev.ragworkbench.index.IndexSettings;
import dev.ragworkbench.chunking.ChunkerKind;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.embedding.Embedders;
import dev.ragworkbench.evaluation.AnswerMetrics;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.experiment.spec.ExperimentSpec.Corpus;
import dev.ragworkbench.experiment.spec.ExperimentSpec.EvalSetSource;
import dev.ragworkbench.experiment.spec.ExperimentSpec.Sample;
import dev.ragworkbench.experiment.spec.YamlTree.MapNode;
import dev.ragworkbench.experiment.spec.YamlTree.Node;
import dev.ragworkbench.retrieval.RetrieverSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.regex.Pattern;

/**
 * Turns the located YAML tree into an {@link ExperimentSpec}, checking every key and value and recording each
 * problem at its node. It carries on after a problem wherever the rest can still be checked, so one pass
 * reports everything wrong; values that failed are left out and never reach the spec.
 */
final class SpecReader {

    private static final List<String> TOP_KEYS = List.of("name", "description", "corpus", "evalSet", "chunking",
            "embedding", "retrieval", "metrics", "top", "sample", "tags", "models", "prompt", "judge");
    /** Names become folder and file names of stored runs. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path source;
    private final SpecNodes nodes;
    private final List<Problem> problems;

    SpecReader(Path source) {
        this.source = source;
        this.nodes = new SpecNodes(source);
        this.problems = nodes.problems;
    }

    ExperimentSpec read(String yaml) throws SpecException {
        Node root = YamlTree.parse(yaml, problems);
        if (root == null) {
            throw new SpecException(source, problems);
        }
        MapNode spec = map(root, "the spec");
        if (spec == null) {
            throw new SpecException(source, problems);
        }
        checkKeys(spec, "the spec", TOP_KEYS);

        String name = optional(spec, "name").map(this::name).orElse(null);
        requirePresent(spec, "the spec", "name");
        String description = optional(spec, "description").map(n -> string(n, "description")).orElse("");
        Corpus corpus = required(spec, "the spec", "corpus").map(new CorpusSection(nodes)::corpus).orElse(null);
        EvalSetSource evalSet = required(spec, "the spec", "evalSet").map(new EvalSetSection(nodes)::evalSet).orElse(null);

        List<ChunkerSpec> chunkers = optional(spec, "chunking")
                .map(n -> items(n, "chunking").stream().map(new ChunkingSection(nodes)::chunker).flatMap(Optional::stream).toList())
                .orElse(List.of(ChunkerSpec.defaults(ChunkerKind.NONE)));

        int before = problems.size();
        List<String> embedders = optional(spec, "embedding")
                .map(n -> items(n, "embedding").stream().map(new EmbeddingSection(nodes)::embedder).flatMap(Optional::stream).toList())
                .orElse(List.of(IndexSettings.NO_EMBEDDER));
        boolean embeddersValid = problems.size() == before;

        var retrievers = new ArrayList<RetrieverSpec>();
        var retrieval = new RetrievalSection(nodes);
        required(spec, "the spec", "retrieval").ifPresent(list -> {
            for (Node item : items(list, "retrieval")) {
                retrieval.retriever(item).ifPresent(r -> {
                    retrievers.add(r);
                    // Only when the embedding axis read cleanly, else its own error already says why.
                    if (embeddersValid && r.kind().needsVectors()
                        && embedders.stream().allMatch(IndexSettings.NO_EMBEDDER::equals)) {
                        problem(item, "retriever '" + r.kind().id() + "' needs an embedder, but embedding "
                                + (spec.entries().containsKey("embedding") ? "lists only none" : "is not given")
                                + "; add one, e.g. embedding: [ " + Embedders.DEFAULT + " ]");
                    }
                });
            }
        });

        var metrics = new ArrayList<Metric>();
        var metricNodes = new ArrayList<Node>();
        required(spec, "the spec", "metrics").ifPresent(list -> {
            for (Node item : items(list, "metrics")) {
                metric(item).ifPresent(m -> {
                    metrics.add(m);
                    metricNodes.add(item);
                });
            }
        });

        Optional<Node> topNode = optional(spec, "top");
        Integer topValue = topNode.isPresent() ? integer(topNode.get(), "top", 1, 1_000_000)
                : Integer.valueOf(ExperimentSpec.DEFAULT_TOP);
        int top = topValue == null ? ExperimentSpec.DEFAULT_TOP : topValue;
        if (topValue != null) { // a bad top was reported already; comparing metrics to it would only add noise
            checkDepth(top, topNode, metrics, metricNodes);
        }

        Optional<Sample> sample = optional(spec, "sample").flatMap(this::sample);
        SequencedMap<String, String> tags = optional(spec, "tags").map(this::tags).orElse(new LinkedHashMap<>());
        Optional<AnswerSetup> answers = new AnswerSection(source, nodes).read(spec);
        if (answers.isPresent() && (evalSet instanceof ExperimentSpec.Beir || evalSet instanceof ExperimentSpec.Trec)) {
            problem(spec.entries().get("models"), "'models' answer the queries and are scored against reference"
                    + " answers, which a " + evalSet.format() + " eval set does not have; use a squad or ragas eval"
                    + " set, or a stored one made from them");
        }

        if (!problems.isEmpty()) {
            throw new SpecException(source, problems);
        }
        return new ExperimentSpec(name, description, corpus, evalSet, chunkers, embedders, retrievers, metrics,
                top, sample, tags, source.toAbsolutePath().normalize(), yaml, answers);
    }

    // --- sections read here: name, metrics, top, sample, tags; the others each have their own reader ----

    private String name(Node node) {
        String text = string(node, "name");
        if (text != null && !NAME.matcher(text).matches()) {
            problem(node, "name '" + text + "' must be letters, digits, '.', '_' and '-' (it names run folders)");
        }
        return text;
    }

    private Optional<Metric> metric(Node item) {
        String text = string(item, "a metric");
        if (text != null && (AnswerMetrics.known(text) || AnswerMetrics.JUDGE_NAMES.contains(text.strip()))) {
            problem(item, "'" + text.strip() + "' scores answers, not rankings: with 'models' every answer gets "
                    + String.join(", ", AnswerMetrics.REFERENCE_NAMES) + " (and with 'judge' "
                    + String.join(", ", AnswerMetrics.JUDGE_NAMES) + "); list only retrieval metrics here");
            return Optional.empty();
        }
        return text == null ? Optional.empty() : attempt(item, () -> Metric.parse(text));
    }

    /** A run cut at {@code top} cannot be scored deeper than that, so a deeper metric would be silently wrong. */
    private void checkDepth(int top, Optional<Node> topNode, List<Metric> metrics, List<Node> metricNodes) {
        for (int i = 0; i < metrics.size(); i++) {
            Metric m = metrics.get(i);
            if (m.k() > top) {
                problem(topNode.orElse(metricNodes.get(i)), "top (" + top + ") is below the cut-off of " + m
                        + "; rankings must be at least as deep as every metric");
                return;
            }
        }
    }

    private Optional<Sample> sample(Node node) {
        MapNode map = map(node, "sample");
        if (map == null) {
            return Optional.empty();
        }
        checkKeys(map, "sample", List.of("n", "seed"));
        Integer n = required(map, "sample", "n").map(v -> integer(v, "sample n", 1, Integer.MAX_VALUE)).orElse(null);
        Long seed = optional(map, "seed").map(this::seed).orElse(ExperimentSpec.DEFAULT_SEED);
        return n == null || seed == null ? Optional.empty() : Optional.of(new Sample(n, seed));
    }

    private SequencedMap<String, String> tags(Node node) {
        var tags = new LinkedHashMap<String, String>();
        MapNode map = map(node, "tags");
        if (map != null) {
            for (var entry : map.entries().values()) {
                String value = string(entry.value(), "tag '" + entry.key() + "'");
                if (value != null) {
                    tags.put(entry.key(), value);
                }
            }
        }
        return tags;
    }

    // --- the node helpers every section shares (SpecNodes) ---------------------------------------------------

    private Optional<Node> optional(MapNode map, String key) {
        return nodes.optional(map, key);
    }

    private Optional<Node> required(MapNode map, String where, String key) {
        return nodes.required(map, where, key);
    }

    private void requirePresent(MapNode map, String where, String key) {
        nodes.requirePresent(map, where, key);
    }

    private void checkKeys(MapNode map, String where, List<String> allowed) {
        nodes.checkKeys(map, where, allowed);
    }

    private List<Node> items(Node node, String key) {
        return nodes.items(node, key);
    }

    private MapNode map(Node node, String what) {
        return nodes.map(node, what);
    }

    private String string(Node node, String what) {
        return nodes.string(node, what);
    }

    private Integer integer(Node node, String what, int min, int max) {
        return nodes.integer(node, what, min, max);
    }

    private Long seed(Node node) {
        return nodes.seed(node);
    }

    private <T> Optional<T> attempt(Node node, java.util.function.Supplier<T> parse) {
        return nodes.attempt(node, parse);
    }

    private void problem(Node node, String message) {
        nodes.problem(node, message);
    }

    private void problem(YamlTree.Entry entry, String message) {
        nodes.problem(entry, message);
    }
}
