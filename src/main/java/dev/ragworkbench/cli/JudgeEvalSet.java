package dev.ragworkbench.cli;

import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.evaluation.MalformedFileException;
import dev.ragworkbench.judging.Judgment;
import dev.ragworkbench.judging.JudgmentFile;
import dev.ragworkbench.judging.Judgments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code evalsets judge}: the command-line twin of grading a hit in the Retrieval pane. It writes through the same
 * core call ({@link Judgments#judge}), as a new version of the set; the versions before it stay as they were.
 */
@Command(name = "judge", mixinStandardHelpOptions = true,
        description = "Grade documents for queries of an eval set (0 not relevant, 1 relevant, 2 highly relevant),"
                      + " written as a new version of the set.")
final class JudgeEvalSet implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "NAME", description = "The eval set.")
    String name;
    @Parameters(index = "1..*", arity = "0..*", paramLabel = "QUERY_ID DOC_ID GRADE",
            description = "One judgment (leave out with --from).")
    List<String> judgment;
    @Option(names = "--from", paramLabel = "FILE",
            description = "A TSV of query-id, doc-id, grade per line (a BEIR qrels header is skipped).")
    Path from;

    @Override
    public void run() {
        boolean one = judgment != null && !judgment.isEmpty();
        if (one == (from != null)) {
            throw new BadInputException("give one judgment (QUERY_ID DOC_ID GRADE) or --from FILE");
        }
        if (one && judgment.size() != 3) {
            throw new BadInputException("a judgment is QUERY_ID DOC_ID GRADE; got " + judgment.size() + " of them");
        }
        try (var bench = options.open()) {
            var judgments = new Judgments(bench.evalSets());
            EvalSet latest = bench.evalSets().get(name);
            List<Judgment> given;
            if (one) {
                int grade;
                try {
                    grade = Integer.parseInt(judgment.get(2));
                } catch (NumberFormatException e) {
                    throw new BadInputException("the grade '" + judgment.get(2) + "' is not 0, 1 or 2");
                }
                if (!latest.queries().containsKey(judgment.get(0))) {
                    throw new BadInputException("eval set " + name + " has no query " + judgment.get(0)
                            + "; add it first (evalsets add-queries)");
                }
                given = List.of(new Judgment(judgment.get(0), judgment.get(1), grade));
            } else {
                given = JudgmentFile.read(from, latest.queries().keySet());
            }
            int before = bench.evalSets().versions(name).size();
            EvalSet graded = judgments.judge(name, given);
            var versions = bench.evalSets().versions(name);
            var out = spec.commandLine().getOut();
            if (versions.size() == before) {
                out.printf(Locale.ROOT, "Eval set %s already has %s; no new version (still version %d).%n", name,
                        given.size() == 1 ? "this grade" : "these grades", versions.getLast().version());
            } else {
                out.printf(Locale.ROOT, "Eval set %s version %d (sha256 %s, from version %d): %d judgment%s written,"
                                + " %d in all.%n", name, versions.getLast().version(),
                        versions.getLast().sha256().substring(0, 12), versions.getLast().parent(), given.size(),
                        given.size() == 1 ? "" : "s", graded.qrels().judgmentCount());
            }
        } catch (MalformedFileException e) {
            throw new BadInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
