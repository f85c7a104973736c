package dev.ragworkbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.evaluation.EvalSetExport;
import dev.ragworkbench.evaluation.EvalSetFiles;
import dev.ragworkbench.evaluation.EvalSetFormat;
import dev.ragworkbench.evaluation.EvalSetStore;
import dev.ragworkbench.evaluation.MalformedFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code evalsets import|list|show|delete|export|judge|add-queries}: the workspace's eval sets, as the Import pane shows them. The
 * import options mirror a spec's {@code evalSet} keys ({@code queries}, {@code qrels}, {@code topics},
 * {@code path}).
 */
@Command(name = "evalsets", mixinStandardHelpOptions = true,
        description = "Import, list, show, delete, export, judge or add queries to the workspace's eval sets (golden sets: queries with"
                      + " judged documents or reference answers).",
        subcommands = {ImportEvalSet.class, ListEvalSets.class, ShowEvalSet.class,
                DeleteEvalSet.class, ExportEvalSet.class, JudgeEvalSet.class, PoolEvalSet.class, AddQueries.class})
final class EvalsetsCommand {

    static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode json(EvalSetStore.Summary s) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", s.name());
        node.put("format", s.format().id());
        node.put("corpus", s.corpus());
        node.put("source", s.source());
        node.put("version", s.latest().version());
        node.put("sha256", s.latest().sha256());
        node.put("versions", s.versions());
        node.put("queries", s.queries());
        node.put("judgments", s.judgments());
        node.put("judgedDocuments", s.judgedDocuments());
        node.put("answerSpans", s.answerSpans());
        node.put("references", s.references());
        node.put("createdAt", s.createdAt().toString());
        return node;
    }

    static ObjectNode json(EvalSetStore.Version v) {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", v.version());
        node.put("sha256", v.sha256());
        if (v.parent() == null) {
            node.putNull("parent");
        } else {
            node.put("parent", v.parent());
        }
        node.put("note", v.note());
        node.put("createdAt", v.createdAt().toString());
        return node;
    }
}
