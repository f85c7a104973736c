package dev.ragworkbench.experiment.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A spec file that cannot be used, with every problem found (not just the first), in file order. The message
 * is one {@code file:LINE:COLUMN: message} line per problem.
 */
public final class SpecException extends Exception {

    private final transient Path file;
    private final List<Problem> problems;

    public SpecException(Path file, List<Problem> problems) {
        super(format(file, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a SpecException needs at least one problem");
        }
        this.file = file;
        this.problems = problems.stream().sorted().toList();
    }

    /** The spec file, as it was named when loaded. */
    public Path file() {
        return file;
    }

    /** {@code 7 problems in x.yaml}: the line after the problems, one a line; with one problem, that problem. */
    public String summary() {
        return problems.size() == 1 ? problems.getFirst().format(String.valueOf(file))
                : problems.size() + " problems in " + file;
    }

    /** Every problem, in file order. */
    public List<Problem> problems() {
        return problems;
    }

    private static String format(Path file, List<Problem> problems) {
        return problems.stream().sorted().map(p -> p.format(String.valueOf(file))).collect(Collectors.joining("\n"));
    }
}
