package dev.ragworkbench.experiment.spec;

import com.fasterxml.jackson.core.JsonToken;
import dev.ragworkbench.chunking.ChunkerKind;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.experiment.spec.YamlTree.Node;
import dev.ragworkbench.experiment.spec.YamlTree.Scalar;
import dev.ragworkbench.params.KindParams;

import java.util.Collection;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * A {@code chunking} item: {@code fixed:size=200,overlap=40}, or a mapping with {@code kind} and that kind's
 * parameters. Either way {@link ChunkerSpec#parse} has the last word, so its defaults and range checks apply.
 */
final class ChunkingSection implements KindItems.Axis<ChunkerKind, ChunkerSpec> {

    private final KindItems<ChunkerKind, ChunkerSpec> items;

    ChunkingSection(SpecNodes nodes) {
        this.items = new KindItems<>(nodes, this);
    }

    Optional<ChunkerSpec> chunker(Node item) {
        return items.read(item);
    }

    @Override public String what() { return "chunker"; }
    @Override public String item() { return "a chunking item"; }
    @Override public ChunkerSpec parse(String text) { return ChunkerSpec.parse(text); }
    @Override public ChunkerKind kind(String text) { return ChunkerKind.fromId(text); }
    @Override public String label(ChunkerKind kind) { return kind.toString(); }
    @Override public Collection<String> parameters(ChunkerKind kind) { return kind.defaults().keySet(); }

    @Override
    public String value(SpecNodes nodes, ChunkerKind kind, YamlTree.Entry entry) {
        if (!(entry.value() instanceof Scalar value) || value.token() != JsonToken.VALUE_NUMBER_INT) {
            nodes.problem(entry.value(), entry.key() + " must be a whole number, got " + entry.value().describe());
            return null;
        }
        return value.text();
    }

    @Override
    public Optional<ChunkerSpec> build(SpecNodes nodes, Node item, ChunkerKind kind, SequencedMap<String, String> values,
                                       SequencedMap<String, Node> valueNodes) {
        try {
            return Optional.of(ChunkerSpec.parse(new KindParams(kind.id(), values).toString()));
        } catch (IllegalArgumentException e) {
            // The spec's range checks start their message with the parameter at fault ("overlap (40) must be
            // smaller than size (20)"), which is how the error finds its node; otherwise it goes on the item.
            String first = e.getMessage().split("[ (]", 2)[0];
            nodes.problem(valueNodes.getOrDefault(first, item), e.getMessage());
            return Optional.empty();
        }
    }
}
