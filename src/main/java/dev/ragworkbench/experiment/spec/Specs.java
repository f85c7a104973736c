package dev.ragworkbench.experiment.spec;

import dev.ragworkbench.experiment.spec.YamlTree.MapNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

/** Reads a spec file of either kind: with a {@code testSet} it compares models, otherwise it is a retrieval grid. */
public final class Specs {

    private Specs() {
    }

    public static RunnableSpec load(Path file) throws IOException, SpecException {
        return parse(Files.readString(file), file);
    }

    public static RunnableSpec parse(String yaml, Path source) throws SpecException {
        var problems = new ArrayList<Problem>();
        if (YamlTree.parse(yaml, problems) instanceof MapNode map && map.entries().containsKey("testSet")) {
            return new ModelSpecReader(source).read(yaml);
        }
        return ExperimentSpec.parse(yaml, source);
    }
}
