package dev.ragworkbench.experiment.spec;

import dev.ragworkbench.embedding.Embedders;
import dev.ragworkbench.experiment.spec.YamlTree.Node;
import dev.ragworkbench.index.IndexSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** An {@code embedding} item: a built-in model name, {@code none}, or a model folder (relative to the spec). */
final class EmbeddingSection {

    private final SpecNodes nodes;

    EmbeddingSection(SpecNodes nodes) {
        this.nodes = nodes;
    }

    Optional<String> embedder(Node item) {
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
