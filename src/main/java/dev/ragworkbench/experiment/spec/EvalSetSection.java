package dev.ragworkbench.experiment.spec;

import dev.ragworkbench.experiment.spec.ExperimentSpec.Beir;
import dev.ragworkbench.experiment.spec.ExperimentSpec.EvalSetSource;
import dev.ragworkbench.experiment.spec.ExperimentSpec.Ragas;
import dev.ragworkbench.experiment.spec.ExperimentSpec.Squad;
import dev.ragworkbench.experiment.spec.ExperimentSpec.Stored;
import dev.ragworkbench.experiment.spec.ExperimentSpec.Trec;
import dev.ragworkbench.experiment.spec.YamlTree.MapNode;
import dev.ragworkbench.experiment.spec.YamlTree.Node;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code evalSet} section: the user's files by {@code format} ({@code beir}: queries and qrels; {@code trec}:
 * topics and qrels; {@code squad} and {@code ragas}: path), or {@code stored: NAME}, a set kept in the workspace
 * ({@code evalsets import}). {@code name} is the label in reports either way.
 */
final class EvalSetSection {

    /** Keys per eval set format; {@code name} overrides the label derived from the file names. */
    private static final Map<String, List<String>> EVAL_KEYS = Map.of(
            "beir", List.of("format", "name", "queries", "qrels"),
            "trec", List.of("format", "name", "topics", "qrels"),
            "squad", List.of("format", "name", "path"),
            "ragas", List.of("format", "name", "path"));
    private static final List<String> STORED_KEYS = List.of("stored", "name");

    private final SpecNodes nodes;

    EvalSetSection(SpecNodes nodes) {
        this.nodes = nodes;
    }

    EvalSetSource evalSet(Node node) {
        MapNode eval = nodes.map(node, "evalSet");
        if (eval == null) {
            return null;
        }
        if (eval.entries().containsKey("stored")) {
            return stored(eval);
        }
        Node formatNode = nodes.required(eval, "evalSet", "format").orElse(null);
        String format = formatNode == null ? null : nodes.string(formatNode, "evalSet format");
        if (format == null) {
            return null;
        }
        format = format.strip().toLowerCase(Locale.ROOT);
        List<String> keys = EVAL_KEYS.get(format);
        if (keys == null) {
            nodes.problem(formatNode, "unknown evalSet format '" + format + "'; expected one of beir, trec, squad, ragas");
            return null;
        }
        nodes.checkKeys(eval, "a " + format + " evalSet", keys);
        Optional<String> label = nodes.optional(eval, "name").map(n -> nodes.string(n, "evalSet name"));
        return switch (format) {
            case "beir" -> {
                Path queries = nodes.required(eval, "a beir evalSet", "queries").map(n -> nodes.existingFile(n, "queries"))
                        .orElse(null);
                Path qrels = nodes.required(eval, "a beir evalSet", "qrels").map(n -> nodes.existingFile(n, "qrels")).orElse(null);
                yield queries == null || qrels == null ? null
                        : new Beir(label.orElseGet(() -> folderName(queries) + "/" + stem(qrels)), queries, qrels);
            }
            case "trec" -> {
                Path topics = nodes.required(eval, "a trec evalSet", "topics").map(n -> nodes.existingFile(n, "topics"))
                        .orElse(null);
                Path qrels = nodes.required(eval, "a trec evalSet", "qrels").map(n -> nodes.existingFile(n, "qrels")).orElse(null);
                yield topics == null || qrels == null ? null
                        : new Trec(label.orElseGet(() -> folderName(topics) + "/" + stem(qrels)), topics, qrels);
            }
            case "squad" -> nodes.required(eval, "a squad evalSet", "path").map(n -> nodes.existingFile(n, "path"))
                    .map(p -> new Squad(label.orElseGet(() -> stem(p)), p)).orElse(null);
            default -> nodes.required(eval, "a ragas evalSet", "path").map(n -> nodes.existingFile(n, "path"))
                    .map(p -> new Ragas(label.orElseGet(() -> stem(p)), p)).orElse(null);
        };
    }

    /** {@code stored: NAME}; its files are the store's business, so naming a format too is a contradiction. */
    private EvalSetSource stored(MapNode eval) {
        var format = eval.entries().get("format");
        if (format != null) {
            nodes.problem(format, "an evalSet names either a stored set ('stored') or its files ('format'), not both;"
                    + " a stored set's format is known to the workspace");
            return null;
        }
        nodes.checkKeys(eval, "a stored evalSet", STORED_KEYS);
        String stored = nodes.required(eval, "a stored evalSet", "stored").map(n -> nodes.string(n, "evalSet stored"))
                .map(String::strip).orElse(null);
        Optional<String> label = nodes.optional(eval, "name").map(n -> nodes.string(n, "evalSet name"));
        if (stored != null && stored.isEmpty()) {
            nodes.problem(eval.entries().get("stored").value(), "evalSet stored must name a set (see evalsets list)");
            return null;
        }
        return stored == null ? null : new Stored(label.orElse(stored), stored);
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
