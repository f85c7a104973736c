package dev.ragworkbench.experiment.spec;

import dev.ragworkbench.embedding.Embedders;
import dev.ragworkbench.experiment.spec.YamlTree.Node;
import dev.ragworkbench.index.IndexSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * An {@code embedding} item: a built-in model name, {@code none}, a model folder (relative to the spec), or a
 * mapping {@code { model: NAME, adapter: RUN_ID }} naming an adapter trained by {@code finetune}, which becomes
 * {@code NAME+adapter:RUN_ID} on the axis (DESIGN.md's spelling).
 */
final class EmbeddingSection {

    private final SpecNodes nodes;

    EmbeddingSection(SpecNodes nodes) {
        this.nodes = nodes;
    }

    Optional<String> embedder(Node item) {
        if (item instanceof YamlTree.MapNode map) {
            nodes.checkKeys(map, "an embedding item", java.util.List.of("model", "adapter"));
            var model = nodes.required(map, "an embedding item", "model").flatMap(this::embedder);
            var adapter = nodes.required(map, "an embedding item", "adapter")
                    .map(n -> nodes.string(n, "an adapter (the run id that finetune printed)"));
            if (model.isEmpty() || adapter.isEmpty() || adapter.get() == null) {
                return Optional.empty();
            }
            if (model.get().equals(IndexSettings.NO_EMBEDDER)) {
                nodes.problem(map, "an adapter transforms an embedder's vectors; model none has none");
                return Optional.empty();
            }
            return Optional.of(GridPoint.withAdapter(model.get(), adapter.get().strip()));
        }
        String text = nodes.string(item, "an embedding item");
        if (text == null) {
            return Optional.empty();
        }
        String lower = text.strip().toLowerCase(Locale.ROOT);
        if (lower.equals(IndexSettings.NO_EMBEDDER) || Embedders.knownNames().contains(lower)) {
            return Optional.of(lower);
        }
        Path folder = nodes.resolve(item, text);
        if (folder != null && Files.isDirectory(folder)) {
            return nodes.attempt(item, () -> {
                Embedders.folderSpec(folder);
                return SpecNodes.real(folder).toString();
            });
        }
        nodes.problem(item, "unknown embedder '" + text + "'; use none, one of "
                + String.join(", ", Embedders.knownNames())
                + ", or a folder (relative to the spec) holding model.onnx and tokenizer.json");
        return Optional.empty();
    }
}
