package dev.ragworkbench.cli;

import dev.ragworkbench.evaluation.MalformedFileException;
import dev.ragworkbench.experiment.spec.SpecException;
import dev.ragworkbench.format.Errors;
import dev.ragworkbench.index.IndexException;
import dev.ragworkbench.ingest.UnreadableException;
import dev.ragworkbench.progress.CancelledException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;

/**
 * The command line: the same core calls as the desktop app, for scripts and CI gates.
 * Exit codes: 0 success, 1 a quality gate failed, 2 bad input or usage, 3 any other error. A failure's last
 * line on stderr starts with {@code error: } and is one plain sentence; the stack trace only with --verbose.
 */
@Command(name = "rag-workbench", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Find out, with numbers, which retrieval set-up works best on your own documents.",
        subcommands = {ImportCommand.class, IndexCommand.class, IndexesCommand.class, DocumentsCommand.class,
                SearchCommand.class, RunCommand.class, RunsCommand.class, ExperimentsCommand.class, ModelsCommand.class, ReportCommand.class,
                FinetuneCommand.class, EvalsetsCommand.class, WorkspaceCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Cli {

    public static final int OK = 0;
    public static final int GATE_FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int ERROR = 3;

    public static int run(String[] args) {
        var out = new PrintWriter(System.out, true);
        var err = new PrintWriter(System.err, true);
        try {
            var cl = commandLine(out, err);
            if (args.length == 0) {
                cl.usage(out);
                return OK;
            }
            return cl.execute(args);
        } finally {
            // print() does not autoflush, and the caller exits the JVM right after.
            out.flush();
            err.flush();
        }
    }

    /** A configured command line writing to {@code out} and {@code err}; tests call it in-process. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        var cl = new CommandLine(new Cli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            var c = ex.getCommandLine();
            c.getErr().println(c.getHelp().fullSynopsis().strip());
            c.getErr().println("error: " + sentence(ex.getMessage()));
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            boolean verbose = parseResult.originalArgs().contains("--verbose");
            if (verbose) {
                ex.printStackTrace(c.getErr());
            }
            var spec = find(ex, SpecException.class);
            if (spec != null && spec.problems().size() > 1) {
                // compiler-style, one problem a line (editors and terminals jump to file:line:col), then the count
                spec.problems().forEach(p -> c.getErr().println(p.format(String.valueOf(spec.file()))));
                c.getErr().println("error: " + spec.summary() + ".");
            } else {
                c.getErr().println("error: " + Errors.sentence(ex));
            }
            return exitCodeOf(ex);
        });
        return cl;
    }

    /**
     * The exit code of a command that threw {@code ex}. Bad input is told by the exception itself or, since the
     * core wraps file problems on their way up (an eval set's malformed qrels inside the run that read them, a
     * query file inside an {@code UncheckedIOException}), by a cause that only a user's file can raise.
     */
    static int exitCodeOf(Throwable ex) {
        int code = switch (ex) {
            case GateFailedException g -> GATE_FAILED;
            case IllegalArgumentException i -> BAD_INPUT;
            case IndexException i -> BAD_INPUT;
            case BadInputException b -> BAD_INPUT;
            case CancelledException c -> ERROR;
            default -> ERROR;
        };
        if (code == ERROR && !(ex instanceof CancelledException)) {
            for (Throwable t = ex.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
                if (isUserFileProblem(t)) {
                    return BAD_INPUT;
                }
            }
        }
        return code;
    }

    /** Exceptions raised only by what a user gave: a malformed spec, eval-set file or source, a missing file. */
    private static boolean isUserFileProblem(Throwable t) {
        return t instanceof MalformedFileException || t instanceof SpecException || t instanceof UnreadableException
               || t instanceof BadInputException || t instanceof NoSuchFileException;
    }

    /** The first exception of {@code type} in {@code ex}'s chain, or null. */
    static <T extends Throwable> T find(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** One line, ending in a full stop: picocli's usage messages read like the core's. */
    static String sentence(String message) {
        return Errors.sentence(new BadInputException(message));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Cli.class.getPackage().getImplementationVersion();
            return new String[] {"RAG Workbench " + (v == null ? "(development build)" : v)};
        }
    }
}
