package dev.ragworkbench.experiment.spec;

import dev.ragworkbench.experiment.spec.ExperimentSpec.Corpus;
import dev.ragworkbench.experiment.spec.YamlTree.MapNode;
import dev.ragworkbench.experiment.spec.YamlTree.Node;
import dev.ragworkbench.ingest.ImportFormat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The {@code corpus} section: where the documents are ({@code path}) and how to read them ({@code format}). */
final class CorpusSection {

    private final SpecNodes nodes;

    CorpusSection(SpecNodes nodes) {
        this.nodes = nodes;
    }

    Corpus corpus(Node node) {
        MapNode corpus = nodes.map(node, "corpus");
        if (corpus == null) {
            return null;
        }
        nodes.checkKeys(corpus, "corpus", List.of("format", "path"));
        ImportFormat format = ImportFormat.AUTO;
        Optional<Node> formatNode = nodes.optional(corpus, "format");
        if (formatNode.isPresent()) {
            String text = nodes.string(formatNode.get(), "corpus format");
            if (text == null) {
                return null;
            }
            try {
                format = ImportFormat.fromId(text);
            } catch (IllegalArgumentException e) {
                nodes.problem(formatNode.get(), e.getMessage());
                return null;
            }
        }
        Node pathNode = nodes.required(corpus, "corpus", "path").orElse(null);
        if (pathNode == null) {
            return null;
        }
        Path path = switch (format) {
            case BEIR -> nodes.existingFile(pathNode, "corpus path");
            case FILES, AUTO -> nodes.existing(pathNode, "corpus path");
        };
        return path == null ? null : new Corpus(format.resolve(path), path);
    }
}
