package dev.ragworkbench.experiment.spec;

import dev.ragworkbench.index.IndexSettings;
import com.fasterxml.jackson.core.JsonToken;
import dev.ragworkbench.chunking.ChunkerKind;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.embedding.Embedders;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.experiment.spec.ExperimentSpec.Beir;
import dev.ragworkbench.experiment.spec.ExperimentSpec.Corpus;
import dev.ragworkbench.experiment.spec.ExperimentSpec.EvalSetSource;
import dev.ragworkbench.experiment.spec.ExperimentSpec.Ragas;
import dev.ragworkbench.experiment.spec.ExperimentSpec.Sample;
import dev.ragworkbench.experiment.spec.ExperimentSpec.Squad;
import dev.ragworkbench.experiment.spec.ExperimentSpec.Trec;
import dev.ragworkbench.experiment.spec.YamlTree.ListNode;
import dev.ragworkbench.experiment.spec.YamlTree.MapNode;
import dev.ragworkbench.experiment.spec.YamlTree.Node;
import dev.ragworkbench.experiment.spec.YamlTree.Scalar;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.retrieval.RetrieverKind;
import dev.ragworkbench.retrieval.RetrieverSpec;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns the located YAML tree into an {@link ExperimentSpec}, checking every key and value and recording each
 * problem at its node. It carries on after a problem wherever the rest can still be checked, so one pass
 * reports everything wrong; values that failed are left out and never reach the spec.
 */
final class SpecReader {

    private static final List<String> TOP_KEYS = List.of("name", "description", "corpus", "evalSet", "chunking",
            "embedding", "retrieval", "metrics", "top", "sample", "tags");
    /** Keys per eval set format; {@code name} overrides the label derived from the file names. */
    private static final Map<String, List<String>> EVAL_KEYS = Map.of(
            "beir", List.of("format", "name", "queries", "qrels"),
            "trec", List.of("format", "name", "topics", "qrels"),
            "squad", List.of("format", "name", "path"),
            "ragas", List.of("format", "name", "path"));
    /** Names become folder and file names of stored runs. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path source;
    private final Path base;
    private final List<Problem> problems = new ArrayList<>();

    SpecReader(Path source) {
        this.source = source;
        Path parent = source.toAbsolutePath().normalize().getParent();
        this.base = parent == null ? Path.of("").toAbsolutePath() : parent;
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
        Corpus corpus = required(spec, "the spec", "corpus").map(this::corpus).orElse(null);
        EvalSetSource evalSet = required(spec, "the spec", "evalSet").map(this::evalSet).orElse(null);

        List<ChunkerSpec> chunkers = optional(spec, "chunking")
                .map(n -> items(n, "chunking").stream().map(this::chunker).flatMap(Optional::stream).toList())
                .orElse(List.of(ChunkerSpec.defaults(ChunkerKind.NONE)));

        int before = problems.size();
        List<String> embedders = optional(spec, "embedding")
                .map(n -> items(n, "embedding").stream().map(this::embedder).flatMap(Optional::stream).toList())
                .orElse(List.of(IndexSettings.NO_EMBEDDER));
        boolean embeddersValid = problems.size() == before;

        var retrievers = new ArrayList<RetrieverSpec>();
        required(spec, "the spec", "retrieval").ifPresent(list -> {
            for (Node item : items(list, "retrieval")) {
                retriever(item).ifPresent(r -> {
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

        if (!problems.isEmpty()) {
            throw new SpecException(source, problems);
        }
        return new ExperimentSpec(name, description, corpus, evalSet, chunkers, embedders, retrievers, metrics,
                top, sample, tags, source.toAbsolutePath().normalize(), yaml);
    }

    // --- sections -------------------------------------------------------------------------------------------

    private String name(Node node) {
        String text = string(node, "name");
        if (text != null && !NAME.matcher(text).matches()) {
            problem(node, "name '" + text + "' must be letters, digits, '.', '_' and '-' (it names run folders)");
        }
        return text;
    }

    private Corpus corpus(Node node) {
        MapNode corpus = map(node, "corpus");
        if (corpus == null) {
            return null;
        }
        checkKeys(corpus, "corpus", List.of("format", "path"));
        ImportFormat format = ImportFormat.AUTO;
        Optional<Node> formatNode = optional(corpus, "format");
        if (formatNode.isPresent()) {
            String text = string(formatNode.get(), "corpus format");
            if (text == null) {
                return null;
            }
            try {
                format = ImportFormat.parse(text);
            } catch (IllegalArgumentException e) {
                problem(formatNode.get(), e.getMessage());
                return null;
            }
        }
        Node pathNode = required(corpus, "corpus", "path").orElse(null);
        if (pathNode == null) {
            return null;
        }
        Path path = switch (format) {
            case BEIR -> existingFile(pathNode, "corpus path");
            case FILES, AUTO -> existing(pathNode, "corpus path");
        };
        return path == null ? null : new Corpus(format.resolve(path), path);
    }

    private EvalSetSource evalSet(Node node) {
        MapNode eval = map(node, "evalSet");
        if (eval == null) {
            return null;
        }
        Node formatNode = required(eval, "evalSet", "format").orElse(null);
        String format = formatNode == null ? null : string(formatNode, "evalSet format");
        if (format == null) {
            return null;
        }
        format = format.strip().toLowerCase(Locale.ROOT);
        List<String> keys = EVAL_KEYS.get(format);
        if (keys == null) {
            problem(formatNode, "unknown evalSet format '" + format + "'; expected one of beir, trec, squad, ragas");
            return null;
        }
        checkKeys(eval, "a " + format + " evalSet", keys);
        Optional<String> label = optional(eval, "name").map(n -> string(n, "evalSet name"));
        return switch (format) {
            case "beir" -> {
                Path queries = required(eval, "a beir evalSet", "queries").map(n -> existingFile(n, "queries"))
                        .orElse(null);
                Path qrels = required(eval, "a beir evalSet", "qrels").map(n -> existingFile(n, "qrels")).orElse(null);
                yield queries == null || qrels == null ? null
                        : new Beir(label.orElseGet(() -> folderName(queries) + "/" + stem(qrels)), queries, qrels);
            }
            case "trec" -> {
                Path topics = required(eval, "a trec evalSet", "topics").map(n -> existingFile(n, "topics"))
                        .orElse(null);
                Path qrels = required(eval, "a trec evalSet", "qrels").map(n -> existingFile(n, "qrels")).orElse(null);
                yield topics == null || qrels == null ? null
                        : new Trec(label.orElseGet(() -> folderName(topics) + "/" + stem(qrels)), topics, qrels);
            }
            case "squad" -> required(eval, "a squad evalSet", "path").map(n -> existingFile(n, "path"))
                    .map(p -> new Squad(label.orElseGet(() -> stem(p)), p)).orElse(null);
            default -> required(eval, "a ragas evalSet", "path").map(n -> existingFile(n, "path"))
                    .map(p -> new Ragas(label.orElseGet(() -> stem(p)), p)).orElse(null);
        };
    }

    /**
     * A chunking item: {@code fixed:size=200,overlap=40}, or a mapping with {@code kind} and that kind's
     * parameters. Either way {@link ChunkerSpec#parse} has the last word, so its defaults and range checks apply.
     */
    private Optional<ChunkerSpec> chunker(Node item) {
        if (item instanceof Scalar scalar && !scalar.isNull()) {
            if (isFlowCommaFragment(scalar, "chunker")) {
                return Optional.empty();
            }
            return attempt(item, () -> ChunkerSpec.parse(scalar.text()));
        }
        MapNode map = map(item, "a chunking item");
        if (map == null) {
            return Optional.empty();
        }
        Node kindNode = required(map, "a chunking item", "kind").orElse(null);
        String kindText = kindNode == null ? null : string(kindNode, "chunker kind");
        if (kindText == null) {
            return Optional.empty();
        }
        Optional<ChunkerKind> kind = attempt(kindNode, () -> ChunkerKind.fromId(kindText));
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        var text = new StringBuilder(kind.get().id());
        var valueNodes = new LinkedHashMap<String, Node>();
        boolean ok = true;
        for (var entry : map.entries().values()) {
            if (entry.key().equals("kind")) {
                continue;
            }
            if (!kind.get().defaults().containsKey(entry.key())) {
                problem(entry, kind.get().defaults().isEmpty()
                        ? "chunker '" + kind.get() + "' takes no parameters, got '" + entry.key() + "'"
                        : "unknown parameter '" + entry.key() + "' for chunker '" + kind.get()
                          + "'; valid parameters: " + String.join(", ", kind.get().defaults().keySet()));
                ok = false;
                continue;
            }
            if (!(entry.value() instanceof Scalar value) || value.token() != JsonToken.VALUE_NUMBER_INT) {
                problem(entry.value(), entry.key() + " must be a whole number, got " + entry.value().describe());
                ok = false;
                continue;
            }
            text.append(valueNodes.isEmpty() ? ":" : ",").append(entry.key()).append('=').append(value.text());
            valueNodes.put(entry.key(), value);
        }
        if (!ok) {
            return Optional.empty();
        }
        try {
            return Optional.of(ChunkerSpec.parse(text.toString()));
        } catch (IllegalArgumentException e) {
            // The spec's range checks start their message with the parameter at fault ("overlap (40) must be
            // smaller than size (20)"), which is how the error finds its node; otherwise it goes on the item.
            String first = e.getMessage().split("[ (]", 2)[0];
            problem(valueNodes.getOrDefault(first, item), e.getMessage());
            return Optional.empty();
        }
    }

    /** An embedding item: a built-in model name, {@code none}, or a model folder (relative to the spec). */
    private Optional<String> embedder(Node item) {
        String text = string(item, "an embedding item");
        if (text == null) {
            return Optional.empty();
        }
        String lower = text.strip().toLowerCase(Locale.ROOT);
        if (lower.equals(IndexSettings.NO_EMBEDDER) || Embedders.knownNames().contains(lower)) {
            return Optional.of(lower);
        }
        Path folder = resolve(item, text);
        if (folder != null && Files.isDirectory(folder)) {
            return attempt(item, () -> {
                Embedders.folderSpec(folder);
                return real(folder).toString();
            });
        }
        problem(item, "unknown embedder '" + text + "'; use none, one of " + String.join(", ", Embedders.knownNames())
                + ", or a folder (relative to the spec) holding model.onnx and tokenizer.json");
        return Optional.empty();
    }

    /**
     * A retrieval item: {@code bm25:k1=1.2}, or a mapping with {@code kind} and that kind's parameters. Each
     * parameter is checked on its own through {@link RetrieverSpec} (its checks are per parameter), so every
     * bad value is reported at its own node.
     */
    private Optional<RetrieverSpec> retriever(Node item) {
        if (item instanceof Scalar scalar && !scalar.isNull()) {
            if (isFlowCommaFragment(scalar, "retriever")) {
                return Optional.empty();
            }
            return attempt(item, () -> RetrieverSpec.parse(scalar.text()));
        }
        MapNode map = map(item, "a retrieval item");
        if (map == null) {
            return Optional.empty();
        }
        Node kindNode = required(map, "a retrieval item", "kind").orElse(null);
        String kindText = kindNode == null ? null : string(kindNode, "retriever kind");
        if (kindText == null) {
            return Optional.empty();
        }
        Optional<RetrieverKind> kind = attempt(kindNode, () -> RetrieverKind.fromId(kindText.strip().toLowerCase(Locale.ROOT)));
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        var params = new TreeMap<String, String>();
        boolean ok = true;
        for (var entry : map.entries().values()) {
            if (entry.key().equals("kind")) {
                continue;
            }
            if (!kind.get().defaults().containsKey(entry.key())) {
                problem(entry, "unknown parameter '" + entry.key() + "' for retriever '" + kind.get().id()
                        + "'; valid parameters: " + String.join(", ", new TreeMap<>(kind.get().defaults()).keySet()));
                ok = false;
                continue;
            }
            String value = string(entry.value(), entry.key());
            if (value == null || attempt(entry.value(),
                    () -> new RetrieverSpec(kind.get(), Map.of(entry.key(), value))).isEmpty()) {
                ok = false;
                continue;
            }
            params.put(entry.key(), value);
        }
        return ok ? attempt(item, () -> new RetrieverSpec(kind.get(), params)) : Optional.empty();
    }

    /**
     * {@code [ bm25:k1=1.2,b=0.75 ]} is two items to YAML, since commas separate flow-list items; the second
     * ({@code b=0.75}) then fails as an unknown kind, which would be baffling without this hint.
     */
    private boolean isFlowCommaFragment(Scalar scalar, String axis) {
        String text = scalar.text().strip();
        if (scalar.token() == JsonToken.VALUE_STRING && text.contains("=") && !text.contains(":")) {
            problem(scalar, "'" + text + "' is not a " + axis + "; inside [ ] a comma starts a new item, so quote "
                    + "items that contain commas, e.g. \"bm25:k1=1.2,b=0.75\"");
            return true;
        }
        return false;
    }

    private Optional<Metric> metric(Node item) {
        String text = string(item, "a metric");
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

    // --- nodes ----------------------------------------------------------------------------------------------

    private Optional<Node> optional(MapNode map, String key) {
        var entry = map.entries().get(key);
        return entry == null || entry.value() instanceof Scalar s && s.isNull()
                ? Optional.empty() : Optional.of(entry.value());
    }

    /** The value of {@code key}, or a problem at the mapping (where the key belongs) when it is missing or empty. */
    private Optional<Node> required(MapNode map, String where, String key) {
        var entry = map.entries().get(key);
        if (entry == null) {
            problem(map, where + " needs '" + key + "'");
            return Optional.empty();
        }
        if (entry.value() instanceof Scalar s && s.isNull()) {
            problem(entry, "'" + key + "' has no value");
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    private void requirePresent(MapNode map, String where, String key) {
        if (!map.entries().containsKey(key)) {
            problem(map, where + " needs '" + key + "'");
        } else if (map.entries().get(key).value() instanceof Scalar s && s.isNull()) {
            problem(map.entries().get(key), "'" + key + "' has no value");
        }
    }

    private void checkKeys(MapNode map, String where, List<String> allowed) {
        for (var entry : map.entries().values()) {
            if (!allowed.contains(entry.key())) {
                problem(entry, "unknown key '" + entry.key() + "' in " + where + "; expected one of: "
                        + String.join(", ", allowed));
            }
        }
    }

    /** A list's items; a single value is accepted as a one-item axis. */
    private List<Node> items(Node node, String key) {
        if (node instanceof ListNode list) {
            if (list.items().isEmpty()) {
                problem(node, "'" + key + "' lists nothing; give at least one item");
            }
            return list.items();
        }
        return List.of(node);
    }

    private MapNode map(Node node, String what) {
        if (node instanceof MapNode map) {
            return map;
        }
        problem(node, what + " must be a mapping (key: value), got " + node.describe());
        return null;
    }

    private String string(Node node, String what) {
        if (node instanceof Scalar s && !s.isNull()) {
            return s.text();
        }
        problem(node, what + " must be a single value, got " + node.describe());
        return null;
    }

    private Integer integer(Node node, String what, int min, int max) {
        if (!(node instanceof Scalar s) || s.token() != JsonToken.VALUE_NUMBER_INT) {
            problem(node, what + " must be a whole number, got " + node.describe());
            return null;
        }
        try {
            int value = Integer.parseInt(s.text().replace("_", ""));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // out of int range: reported below
        }
        problem(node, what + " must be between " + min + " and " + max + ", got " + s.text());
        return null;
    }

    private Long seed(Node node) {
        if (node instanceof Scalar s && s.token() == JsonToken.VALUE_NUMBER_INT) {
            try {
                return Long.parseLong(s.text().replace("_", ""));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        problem(node, "sample seed must be a whole number, got " + node.describe());
        return null;
    }

    private Path existingFile(Node node, String what) {
        Path path = existing(node, what);
        if (path != null && !Files.isRegularFile(path)) {
            problem(node, what + " " + path + " is a folder, not a file");
            return null;
        }
        return path;
    }

    private Path existing(Node node, String what) {
        String text = string(node, what);
        Path path = text == null ? null : resolve(node, text);
        if (path != null && !Files.exists(path)) {
            problem(node, what + " '" + text + "' does not exist (looked for " + path + ")");
            return null;
        }
        return path == null ? null : real(path);
    }

    /**
     * Symbolic links resolved, so the same data reached through different checkouts (or links to it) gets the
     * same {@code corpus.path} in run records and runs stay comparable.
     */
    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (java.io.IOException e) {
            return path;
        }
    }

    /** Relative paths are relative to the spec file's folder, so a spec means the same from any directory. */
    private Path resolve(Node node, String text) {
        try {
            return base.resolve(text.strip()).normalize();
        } catch (InvalidPathException e) {
            problem(node, "'" + text + "' is not a valid path: " + e.getReason());
            return null;
        }
    }

    private <T> Optional<T> attempt(Node node, java.util.function.Supplier<T> parse) {
        try {
            return Optional.of(parse.get());
        } catch (IllegalArgumentException e) {
            problem(node, e.getMessage());
            return Optional.empty();
        }
    }

    private void problem(Node node, String message) {
        problems.add(new Problem(node.line(), node.column(), message));
    }

    private void problem(YamlTree.Entry entry, String message) {
        problems.add(new Problem(entry.line(), entry.column(), message));
    }

    private static String folderName(Path file) {
        Path parent = file.getParent();
        return parent == null || parent.getFileName() == null ? "evalset" : parent.getFileName().toString();
    }

    /** File name without its last extension: {@code qrels/test.tsv} → {@code test}. */
    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
