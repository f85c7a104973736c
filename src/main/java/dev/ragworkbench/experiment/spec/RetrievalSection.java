package dev.ragworkbench.experiment.spec;

import dev.ragworkbench.experiment.spec.YamlTree.Node;
import dev.ragworkbench.retrieval.RetrieverKind;
import dev.ragworkbench.retrieval.RetrieverSpec;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.TreeMap;

/**
 * A {@code retrieval} item: {@code bm25:k1=1.2}, or a mapping with {@code kind} and that kind's parameters. Each
 * parameter is checked on its own through {@link RetrieverSpec} (its checks are per parameter), so every bad
 * value is reported at its own node.
 */
final class RetrievalSection implements KindItems.Axis<RetrieverKind, RetrieverSpec> {

    private final KindItems<RetrieverKind, RetrieverSpec> items;

    RetrievalSection(SpecNodes nodes) {
        this.items = new KindItems<>(nodes, this);
    }

    Optional<RetrieverSpec> retriever(Node item) {
        return items.read(item);
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
