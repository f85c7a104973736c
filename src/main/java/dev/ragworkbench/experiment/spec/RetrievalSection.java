package dev.ragworkbench.experiment.spec;

import dev.ragworkbench.embedding.Embedders;
import dev.ragworkbench.experiment.spec.YamlTree.MapNode;
import dev.ragworkbench.experiment.spec.YamlTree.Node;
import dev.ragworkbench.experiment.spec.YamlTree.Scalar;
import dev.ragworkbench.retrieval.RerankerSpec;
import dev.ragworkbench.retrieval.RetrieverKind;
import dev.ragworkbench.retrieval.RetrieverSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.TreeMap;

/**
 * A {@code retrieval} item: {@code bm25:k1=1.2}, or a mapping with {@code kind} and that kind's parameters. Each
 * parameter is checked on its own through {@link RetrieverSpec} (its checks are per parameter), so every bad
 * value is reported at its own node. A reranker follows as {@code bm25+rerank:embedder=NAME,depth=50} or, in the
 * mapping, {@code rerank: { embedder: NAME, depth: 50 }} ({@code model: FOLDER} for a cross-encoder); folders are
 * relative to the spec, like every path in it.
 */
final class RetrievalSection implements KindItems.Axis<RetrieverKind, RetrieverSpec> {

    private final SpecNodes nodes;
    private final KindItems<RetrieverKind, RetrieverSpec> items;

    RetrievalSection(SpecNodes nodes) {
        this.nodes = nodes;
        this.items = new KindItems<>(nodes, this);
    }

    Optional<RetrieverSpec> retriever(Node item) {
        if (item instanceof MapNode map && map.entries().containsKey("rerank")) {
            var rest = new LinkedHashMap<>(map.entries());
            Node rerankNode = rest.remove("rerank").value();
            Optional<RetrieverSpec> base = items.read(new MapNode(rest, map.line(), map.column()));
            Optional<RerankerSpec> reranker = reranker(rerankNode);
            return base.flatMap(b -> reranker.map(b::withReranker));
        }
        Optional<RetrieverSpec> spec = items.read(item);
        if (spec.isEmpty() || !spec.get().hasReranker()) {
            return spec;
        }
        return located(item, spec.get().reranker()).map(spec.get()::withReranker);
    }

    /** {@code { embedder: NAME | model: FOLDER, depth: N }}, or the same as text ({@code embedder=NAME,depth=N}). */
    private Optional<RerankerSpec> reranker(Node node) {
        if (node instanceof Scalar scalar && !scalar.isNull()) {
            return nodes.attempt(node, () -> RerankerSpec.parse(scalar.text())).flatMap(r -> located(node, r));
        }
        MapNode map = nodes.map(node, "rerank");
        if (map == null) {
            return Optional.empty();
        }
        nodes.checkKeys(map, "rerank", RerankerSpec.PARAMETERS);
        var values = new LinkedHashMap<String, String>();
        boolean ok = true;
        for (var entry : map.entries().values()) {
            if (!RerankerSpec.PARAMETERS.contains(entry.key())) {
                ok = false;
                continue;
            }
            String value = entry.key().equals("depth")
                    ? toText(nodes.integer(entry.value(), "rerank depth", 1, 10_000))
                    : nodes.string(entry.value(), "rerank " + entry.key());
            if (value == null) {
                ok = false;
            } else {
                values.put(entry.key(), value);
            }
        }
        return ok ? nodes.attempt(node, () -> RerankerSpec.of(values)).flatMap(r -> located(node, r)) : Optional.empty();
    }

    /**
     * The reranker with its folder resolved against the spec: a bundled embedder stays a name; a model folder
     * must hold model.onnx and tokenizer.json (whether they make a model is seen when the run loads them).
     */
    private Optional<RerankerSpec> located(Node node, RerankerSpec reranker) {
        String text = reranker.isCrossEncoder() ? reranker.model() : reranker.embedder();
        String lower = text.toLowerCase(Locale.ROOT);
        if (!reranker.isCrossEncoder() && Embedders.knownNames().contains(lower)) {
            return Optional.of(new RerankerSpec(lower, null, reranker.depth()));
        }
        Path folder = nodes.resolve(node, text);
        if (folder == null) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(folder.resolve("model.onnx")) || !Files.isRegularFile(folder.resolve("tokenizer.json"))) {
            nodes.problem(node, (reranker.isCrossEncoder() ? "cross-encoder '" : "unknown embedder '") + text
                    + "': expected " + (reranker.isCrossEncoder() ? "" : "one of " + String.join(", ",
                    Embedders.knownNames()) + ", or ") + "a folder (relative to the spec) holding model.onnx and"
                    + " tokenizer.json (looked for " + folder + ")");
            return Optional.empty();
        }
        String real = SpecNodes.real(folder).toString();
        return Optional.of(reranker.isCrossEncoder() ? new RerankerSpec(null, real, reranker.depth())
                : new RerankerSpec(real, null, reranker.depth()));
    }

    private static String toText(Integer value) {
        return value == null ? null : value.toString();
    }

    @Override public String what() { return "retriever"; }
    @Override public String item() { return "a retrieval item"; }
    @Override public RetrieverSpec parse(String text) { return RetrieverSpec.parse(text); }
    @Override public RetrieverKind kind(String text) { return RetrieverKind.fromId(text.strip().toLowerCase(Locale.ROOT)); }
    @Override public String label(RetrieverKind kind) { return kind.id(); }
    @Override public Collection<String> parameters(RetrieverKind kind) { return new TreeMap<>(kind.defaults()).keySet(); }

    @Override
    public String value(SpecNodes nodes, RetrieverKind kind, YamlTree.Entry entry) {
        String value = nodes.string(entry.value(), entry.key());
        if (value == null || nodes.attempt(entry.value(),
                () -> new RetrieverSpec(kind, Map.of(entry.key(), value))).isEmpty()) {
            return null;
        }
        return value;
    }

    @Override
    public Optional<RetrieverSpec> build(SpecNodes nodes, Node item, RetrieverKind kind,
                                         SequencedMap<String, String> values, SequencedMap<String, Node> valueNodes) {
        return nodes.attempt(item, () -> new RetrieverSpec(kind, values));
    }
}
