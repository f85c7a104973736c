package dev.ragworkbench.ingest;

import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.CancelledException;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.workspace.Jdbc;
import dev.ragworkbench.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports a corpus into a workspace: the one entry point for the command line and the UI.
 *
 * <p>Unreadable sources never stop an import: each becomes an {@link ImportFailure} (also stored, and sent to
 * {@link ProgressListener#note} as {@code skipped <source>: <reason>}). Cancellation is checked between files and
 * BEIR lines; it commits what was read so far and then throws {@link CancelledException}.
 */
public final class Importer {

    public static final String STAGE = "import";
    private static final int MAX_ID_LENGTH = 1000; // document.id is VARCHAR(1000)
    private static final Logger log = LoggerFactory.getLogger(Importer.class);

    private final int batchSize;

    public Importer() {
        this(DocumentStore.DEFAULT_BATCH_SIZE);
    }

    /** @param batchSize documents per JDBC batch and commit */
    public Importer(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * Imports {@code path} into the corpus {@code corpusName} (or the name derived from the path when null).
     *
     * @param format {@link ImportFormat#AUTO} picks BEIR for a {@code .jsonl} file and files otherwise; BEIR given
     *               for a folder reads its {@code corpus.jsonl}
     * @throws IllegalArgumentException when {@code path} does not exist or the name is blank
     * @throws CancelledException       when cancelled; documents committed until then stay
     * @throws UncheckedIOException     when a folder cannot be listed at all
     */
    public ImportResult importCorpus(Workspace workspace, Path path, ImportFormat format, String corpusName,
                                     ProgressListener progress, Cancellation cancel) {
        long start = System.nanoTime();
        Path source = source(path, format);
        ImportFormat resolved = format.resolve(source);
        String name = corpusName(source, corpusName);
        cancel.check(); // before the corpus row exists: a cancelled start leaves nothing behind
        var store = new DocumentStore(workspace);
        Run run = new Run(progress, Map.of());
        for (int attempt = 1; ; attempt++) {
            try {
                try {
                    importOnce(store, source, resolved, name, run, cancel);
                } catch (IllegalStateException e) {
                    // the writer's own opening (DocumentStore.writer) reports a broken connection wrapped
                    if (e.getCause() instanceof SQLException sql && Jdbc.brokenConnection(sql)) {
                        throw sql;
                    }
                    throw e;
                }
                break;
            } catch (SQLException e) {
                // The process serving the database (AUTO_SERVER) may exit mid-import, which breaks this
                // connection and loses the batch not yet committed. Importing again on a new connection is
                // safe: the committed documents read as unchanged, and keep the outcome they were committed with.
                if (attempt < 3 && Jdbc.brokenConnection(e) && !cancel.isCancelled()) {
                    log.warn("connection to the workspace database broke while importing into {}; importing again", name, e);
                    progress.note("the connection to the workspace database broke (the process serving it exited);"
                                  + " importing again: what was committed is kept");
                    run = new Run(progress, run.outcomes);
                    workspace.reconnectIfServerLeft();
                    continue;
                }
                throw DocumentStore.failure("importing into corpus " + name, e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source + ": " + describe(e), e);
            }
        }
        var result = new ImportResult(name, resolved, run.added, run.updated, run.unchanged, run.duplicates,
                run.failures, Duration.ofNanos(System.nanoTime() - start));
        log.info("imported {} into corpus {}: {} added, {} updated, {} unchanged, {} duplicates, {} failures in {} ms",
                source, name, result.added(), result.updated(), result.unchanged(), result.duplicates(),
                result.failures().size(), result.elapsed().toMillis());
        return result;
    }

    private void importOnce(DocumentStore store, Path source, ImportFormat resolved, String name, Run run,
                            Cancellation cancel) throws SQLException, IOException {
        try (CorpusWriter writer = store.writer(name, source.toString(), resolved, resolved == ImportFormat.FILES,
                batchSize)) {
            try {
                if (resolved == ImportFormat.BEIR) {
                    importBeir(source, writer, run, cancel);
                } else {
                    importFiles(source, writer, run, cancel);
                }
                writer.finish();
            } catch (CancelledException e) {
                writer.commit();
                run.progress.note("cancelled: kept " + (run.added + run.updated) + " new or changed document(s) read so far");
                throw e;
            }
        }
    }

    /**
     * What an import of {@code path} reads: the path itself, or a BEIR folder's {@code corpus.jsonl}; absolute.
     *
     * @throws IllegalArgumentException when it does not exist, or a BEIR folder has no corpus.jsonl
     */
    public static Path source(Path path, ImportFormat format) {
        Path source = path.toAbsolutePath().normalize();
        if (!Files.exists(source)) {
            throw new IllegalArgumentException("no such file or folder: " + source);
        }
        if (format.resolve(source) == ImportFormat.BEIR && Files.isDirectory(source)) {
            source = source.resolve("corpus.jsonl");
            if (!Files.isRegularFile(source)) {
                throw new IllegalArgumentException("not a BEIR data set: no corpus.jsonl in " + source.getParent());
            }
        }
        return source;
    }

    /** The corpus an import of {@code source} (see {@link #source}) goes to: the requested name, or the path's. */
    public static String corpusName(Path source, String requested) {
        return requested == null ? CorpusNames.fromPath(source) : explicitName(requested);
    }

    private void importFiles(Path root, CorpusWriter writer, Run run, Cancellation cancel)
            throws IOException, SQLException {
        var listing = CorpusWalk.list(root);
        for (ImportFailure failure : listing.failures()) {
            run.fail(writer, failure);
        }
        int total = listing.files().size();
        run.progress.progress(STAGE, 0, total);
        int done = 0;
        for (SourceFile file : listing.files()) {
            cancel.check();
            try {
                run.record(writer, readFile(file));
            } catch (UnreadableException e) {
                run.fail(writer, new ImportFailure(file.id(), e.getMessage()));
            }
            run.progress.progress(STAGE, ++done, total);
        }
    }

    private static Document readFile(SourceFile file) throws UnreadableException {
        if (file.id().length() > MAX_ID_LENGTH) {
            throw new UnreadableException("path too long for an id (over " + MAX_ID_LENGTH + " characters)");
        }
        FileType type = FileType.of(file.path()).orElseThrow(() -> new UnreadableException(
                "unsupported file type ." + FileType.extension(file.path())
                        + " (supported: .md, .markdown, .txt, .text, .pdf, .html, .htm, or no extension)"));
        try {
            return type.reader().read(file.path(), file.id());
        } catch (IOException e) {
            throw new UnreadableException("unreadable: " + describe(e), e);
        } catch (RuntimeException e) {
            // A parser bug on one odd file must not end the import of all others.
            log.warn("reading {} failed", file.path(), e);
            throw new UnreadableException("cannot be read: " + e, e);
        }
    }

    private static void importBeir(Path file, CorpusWriter writer, Run run, Cancellation cancel)
            throws IOException, SQLException {
        long total = BeirCorpusReader.countLines(file);
        run.progress.progress(STAGE, 0, total);
        try {
            BeirCorpusReader.read(file, new BeirCorpusReader.Sink() {
                @Override
                public void document(Document document) {
                    cancel.check();
                    sql(() -> run.record(writer, document));
                }

                @Override
                public void failure(ImportFailure failure) {
                    sql(() -> run.fail(writer, failure));
                }

                @Override
                public void lineDone(long line) {
                    run.progress.progress(STAGE, line, total);
                }
            });
        } catch (SqlFailure e) {
            throw e.getCause();
        }
    }

    /** A user-readable description of an I/O problem (the JDK's messages are often just the path). */
    static String describe(IOException e) {
        return switch (e) {
            case AccessDeniedException a -> "permission denied";
            case NoSuchFileException n -> "file not found (deleted during import, or a broken link)";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    private static String explicitName(String requested) {
        if (requested.isBlank()) {
            throw new IllegalArgumentException("corpus name is blank");
        }
        // Explicit names get the same cleaning as derived ones: they also end up in folder names.
        return CorpusNames.sanitize(requested);
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    /** Carries an SQLException out of the BEIR sink's callbacks. */
    private static final class SqlFailure extends RuntimeException {
        SqlFailure(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    private static void sql(SqlAction action) {
        try {
            action.run();
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    /** Counts of one run. */
    private static final class Run {
        final ProgressListener progress;
        final List<ImportFailure> failures = new ArrayList<>();
        int added;
        int updated;
        int unchanged;
        int duplicates;

        /** Each document's outcome in this attempt, and what an earlier, broken attempt committed it as. */
        final Map<String, CorpusWriter.Outcome> outcomes = new HashMap<>();
        private final Map<String, CorpusWriter.Outcome> earlier;

        Run(ProgressListener progress, Map<String, CorpusWriter.Outcome> earlier) {
            this.progress = progress;
            this.earlier = earlier;
        }

        void record(CorpusWriter writer, Document doc) throws SQLException {
            var written = writer.write(doc);
            var outcome = written.outcome();
            if (outcome == CorpusWriter.Outcome.UNCHANGED && earlier.containsKey(doc.id())) {
                outcome = earlier.get(doc.id()); // committed by the broken attempt: counted as it was then
            }
            outcomes.put(doc.id(), outcome);
            switch (outcome) {
                case ADDED -> added++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
                case DUPLICATE -> {
                    duplicates++;
                    progress.note("duplicate " + doc.id() + ": same text as " + written.duplicateOf() + ", skipped");
                }
            }
        }

        void fail(CorpusWriter writer, ImportFailure failure) throws SQLException {
            failures.add(failure);
            writer.fail(failure);
            progress.note("skipped " + failure.source() + ": " + failure.reason());
        }
    }
}
