package dev.ragworkbench.experiment.spec;

import com.fasterxml.jackson.core.JsonToken;
import dev.ragworkbench.experiment.spec.YamlTree.MapNode;
import dev.ragworkbench.experiment.spec.YamlTree.Node;
import dev.ragworkbench.experiment.spec.YamlTree.Scalar;
import dev.ragworkbench.params.KindParams;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * One item of a strategy axis (chunking, retrieval, and later reranking): the text {@code kind:name=value,...},
 * or a mapping with {@code kind} and that kind's parameters. The walk over either form is here once; each axis
 * says how its kinds are named, which parameters they take, how a value is checked, and how the strategy is made.
 *
 * @param <K> the axis's kind enum
 * @param <T> the strategy it makes
 */
final class KindItems<K, T> {

    /** What differs between axes. */
    interface Axis<K, T> {
        /** The strategy's name in messages: {@code chunker}, {@code retriever}. */
        String what();

        /** The item's name in messages: {@code a chunking item}. */
        String item();

        /** Parses the text form (which applies defaults and range checks). */
        T parse(String text);

        /** The kind written {@code text}; throws IllegalArgumentException naming the valid kinds. */
        K kind(String text);

        /** The kind's name in messages. */
        String label(K kind);

        /** The parameters {@code kind} takes, in the order messages list them. */
        Collection<String> parameters(K kind);

        /** The value of one parameter entry as text, or null after recording a problem at it. */
        String value(SpecNodes nodes, K kind, YamlTree.Entry entry);

        /** The strategy from the checked values; empty after recording a problem. */
        Optional<T> build(SpecNodes nodes, Node item, K kind, SequencedMap<String, String> values,
                          SequencedMap<String, Node> valueNodes);
    }

    private final SpecNodes nodes;
    private final Axis<K, T> axis;

    KindItems(SpecNodes nodes, Axis<K, T> axis) {
        this.nodes = nodes;
        this.axis = axis;
    }

    Optional<T> read(Node item) {
        if (item instanceof Scalar scalar && !scalar.isNull()) {
            if (isFlowCommaFragment(scalar)) {
                return Optional.empty();
            }
            return nodes.attempt(item, () -> axis.parse(scalar.text()));
        }
        MapNode map = nodes.map(item, axis.item());
        if (map == null) {
            return Optional.empty();
        }
        Node kindNode = nodes.required(map, axis.item(), "kind").orElse(null);
        String kindText = kindNode == null ? null : nodes.string(kindNode, axis.what() + " kind");
        if (kindText == null) {
            return Optional.empty();
        }
        Optional<K> kind = nodes.attempt(kindNode, () -> axis.kind(kindText));
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        var values = new LinkedHashMap<String, String>();
        var valueNodes = new LinkedHashMap<String, Node>();
        boolean ok = true;
        for (var entry : map.entries().values()) {
            if (entry.key().equals("kind")) {
                continue;
            }
            Collection<String> valid = axis.parameters(kind.get());
            if (!valid.contains(entry.key())) {
                nodes.problem(entry, KindParams.unknownParameter(axis.what(), axis.label(kind.get()), entry.key(),
                        valid));
                ok = false;
                continue;
            }
            String value = axis.value(nodes, kind.get(), entry);
            if (value == null) {
                ok = false;
                continue;
            }
            values.put(entry.key(), value);
            valueNodes.put(entry.key(), entry.value());
        }
        return ok ? axis.build(nodes, item, kind.get(), values, valueNodes) : Optional.empty();
    }

    /**
     * {@code [ bm25:k1=1.2,b=0.75 ]} is two items to YAML, since commas separate flow-list items; the second
     * ({@code b=0.75}) then fails as an unknown kind, which would be baffling without this hint.
     */
    private boolean isFlowCommaFragment(Scalar scalar) {
        String text = scalar.text().strip();
        if (scalar.token() == JsonToken.VALUE_STRING && text.contains("=") && !text.contains(":")) {
            nodes.problem(scalar, "'" + text + "' is not a " + axis.what() + "; inside [ ] a comma starts a new item,"
                    + " so quote items that contain commas, e.g. \"bm25:k1=1.2,b=0.75\"");
            return true;
        }
        return false;
    }
}
