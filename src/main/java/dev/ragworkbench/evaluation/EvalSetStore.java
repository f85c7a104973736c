package dev.ragworkbench.evaluation;

import dev.ragworkbench.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The eval sets of a workspace ({@code Workbench.evalSets()}), kept in its database and versioned by content: an
 * import reads the user's files whole first (so an error names their file and line), then writes the set in one
 * transaction (so a failure leaves nothing half-written). Importing under a name that exists, or adding
 * judgments, writes a new version whose parent is the previous one; earlier versions stay, so a run keeps the
 * judgments it was scored with ({@code evalSet.sha256}). Sets an earlier build kept under
 * {@code artifacts/golden-sets/} are read into the database the first time the store is used.
 */
public final class EvalSetStore {

    /** Names are also file and folder names (exports) and command-line arguments. */
    private static final int MAX_NAME = 200;

    /** The texts of a corpus's documents by id: a Ragas set names no documents, so it is matched against these. */
    @FunctionalInterface
    public interface CorpusTexts {
        Map<String, String> of(String corpus);
    }

    /**
     * One stored version of a set.
     *
     * @param id        its row id (internal)
     * @param version   1, 2, … within its set
     * @param sha256    {@link EvalSet#sha256()} of its content
     * @param parent    the version it was made from, null for an import
     * @param note      what made it, e.g. {@code imported from …} or {@code 3 judgments added}
     * @param createdAt when it was written
     */
    public record Version(long id, int version, String sha256, Integer parent, String note, Instant createdAt) {
    }

    /**
     * What {@code evalsets list} and {@code show} print about a set: its latest version, counted.
     *
     * @param corpus the corpus a Ragas set was matched against, else null
     * @param source where it was imported from (the user's files), or null
     */
    public record Summary(String name, EvalSetFormat format, String corpus, String source, Instant createdAt,
                          Version latest, int versions, int queries, int judgments, int judgedDocuments,
                          int answerSpans, int references) {
    }

    private final Workspace workspace;
    private final CorpusTexts corpusTexts;
    private final Path legacyDir;
    private volatile boolean migrated;

    public EvalSetStore(Workspace workspace, CorpusTexts corpusTexts) {
        this.workspace = workspace;
        this.corpusTexts = corpusTexts;
        this.legacyDir = workspace.artifactsDir().resolve("golden-sets");
    }

    // --- reading ---------------------------------------------------------------------------------------------

    /** Every set at its latest version, in import order. */
    public List<EvalSet> list() {
        migrate();
        return query(c -> {
            var sets = new ArrayList<EvalSet>();
            for (var row : EvalSetRows.sets(c)) {
                var latest = EvalSetRows.versions(c, row.id()).getLast();
                sets.add(EvalSetRows.read(c, latest.id(), row.name(), row.format()));
            }
            return sets;
        });
    }

    /** Every set's summary, in import order. */
    public List<Summary> summaries() {
        migrate();
        return query(c -> {
            var summaries = new ArrayList<Summary>();
            for (var row : EvalSetRows.sets(c)) {
                summaries.add(summary(c, row));
            }
            return summaries;
        });
    }

    /** The set called {@code name} at its latest version, if there is one. */
    public Optional<EvalSet> find(String name) {
        migrate();
        return query(c -> {
            var row = EvalSetRows.set(c, name);
            if (row == null) {
                return Optional.empty();
            }
            var latest = EvalSetRows.versions(c, row.id()).getLast();
            return Optional.of(EvalSetRows.read(c, latest.id(), row.name(), row.format()));
        });
    }

    /** The set called {@code name} at its latest version. */
    public EvalSet get(String name) {
        return find(name).orElseThrow(() -> noSuchSet(name));
    }

    /**
     * The set called {@code name} at {@code version}: a version number ({@code 2}) or its hash, or a prefix of
     * the hash of at least 7 characters.
     */
    public EvalSet get(String name, String version) {
        migrate();
        return query(c -> {
            var row = EvalSetRows.set(c, name);
            if (row == null) {
                throw noSuchSet(name);
            }
            var v = pick(name, EvalSetRows.versions(c, row.id()), version);
            return EvalSetRows.read(c, v.id(), row.name(), row.format());
        });
    }

    /** The versions of {@code name}, oldest first. */
    public List<Version> versions(String name) {
        migrate();
        return query(c -> {
            var row = EvalSetRows.set(c, name);
            if (row == null) {
                throw noSuchSet(name);
            }
            return EvalSetRows.versions(c, row.id());
        });
    }

    /** What {@code evalsets show} prints about {@code name}. */
    public Summary summary(String name) {
        migrate();
        return query(c -> {
            var row = EvalSetRows.set(c, name);
            if (row == null) {
                throw noSuchSet(name);
            }
            return summary(c, row);
        });
    }

    private static Summary summary(Connection c, EvalSetRows.SetRow row) throws SQLException {
        var versions = EvalSetRows.versions(c, row.id());
        EvalSet set = EvalSetRows.read(c, versions.getLast().id(), row.name(), row.format());
        return new Summary(row.name(), row.format(), row.corpus(), row.source(), row.createdAt(), versions.getLast(),
                versions.size(), set.size(), set.qrels().judgmentCount(), set.judgedDocuments(), set.answerSpans(),
                set.references().size());
    }

    // --- importing -------------------------------------------------------------------------------------------

    /**
     * Reads {@code files} and stores them as the set {@code name}: a new set, or a new version of the set of that
     * name (which must be of the same format; the same content adds no version). {@code corpus} is needed by Ragas
     * sets only: their judgments are the corpus's documents that contain a reference context.
     */
    public EvalSet importFiles(String name, EvalSetFiles files, String corpus) throws IOException {
        checkName(name);
        if (files.format() == EvalSetFormat.RAGAS && (corpus == null || corpus.isBlank())) {
            throw new IllegalArgumentException("a Ragas eval set is judged against a corpus's documents; name one");
        }
        EvalSet set = files.read(name, () -> corpusTexts.of(corpus));
        String source = files.paths().values().stream().map(p -> p.toAbsolutePath().normalize().toString())
                .reduce((a, b) -> a + ", " + b).orElse(null);
        return save(set, files.format() == EvalSetFormat.RAGAS ? corpus : null, source, "imported from " + source);
    }

    /** Reads a SQuAD-format file into a new set named after it. */
    public EvalSet importSquad(Path file) throws IOException {
        return importFiles(uniqueName(stripExtension(file.getFileName().toString())), new EvalSetFiles.Squad(file),
                null);
    }

    /** Reads a BEIR data set's {@code queries.jsonl} and its test split (else its first) into a new set. */
    public EvalSet importBeir(Path beirDir) throws IOException {
        EvalSetFiles.Beir files = EvalSetFiles.beir(beirDir, null);
        String split = stripExtension(files.qrels().getFileName().toString());
        String name = uniqueName(beirDir.toAbsolutePath().normalize().getFileName() + "-" + split);
        return importFiles(name, files, null);
    }

    /** Reads TREC topics (TSV or JSONL) and their qrels into a new set named after the topics file. */
    public EvalSet importTrec(Path topics, Path qrels) throws IOException {
        return importFiles(uniqueName(stripExtension(topics.getFileName().toString())),
                new EvalSetFiles.Trec(topics, qrels), null);
    }

    /** Reads a Ragas-style file (JSONL or CSV) against {@code corpus} into a new set named after it. */
    public EvalSet importRagas(Path file, String corpus) throws IOException {
        return importFiles(uniqueName(stripExtension(file.getFileName().toString())), new EvalSetFiles.Ragas(file),
                corpus);
    }

    /**
     * Stores {@code set} (named by its name): a new set, or a new version when the latest version's content
     * differs. The set's format must match the stored set's.
     */
    public EvalSet save(EvalSet set, String corpus, String source, String note) {
        checkName(set.name());
        migrate();
        return write(set, corpus, source, note);
    }

    private EvalSet write(EvalSet set, String corpus, String source, String note) {
        return transaction(c -> {
            var row = EvalSetRows.set(c, set.name());
            if (row == null) {
                long id = EvalSetRows.insertSet(c, set.name(), set.format(), corpus, source);
                EvalSetRows.insertVersion(c, id, 1, null, note, set);
                return set;
            }
            if (row.format() != set.format()) {
                throw new IllegalArgumentException("eval set " + set.name() + " is a " + row.format() + " set, not "
                        + set.format() + "; delete it first or choose another name");
            }
            var latest = EvalSetRows.versions(c, row.id()).getLast();
            if (!latest.sha256().equals(set.sha256())) {
                EvalSetRows.insertVersion(c, row.id(), latest.version() + 1, latest.version(), note, set);
            }
            return set;
        });
    }

    /**
     * Adds (or regrades) judgments to {@code name}'s latest version, writing them as a new version whose parent
     * is that one; the graded set is returned. Judgments that change nothing add no version.
     */
    public EvalSet addJudgments(String name, Qrels judgments, String note) {
        EvalSet latest = get(name);
        EvalSet graded = latest.withJudgments(judgments);
        return save(graded, null, null, note != null ? note
                : judgments.judgmentCount() + " judgment" + (judgments.judgmentCount() == 1 ? "" : "s") + " added");
    }

    /** Removes a set with all its versions. */
    public void delete(String name) {
        migrate();
        int deleted = transaction(c -> {
            try (var ps = c.prepareStatement("DELETE FROM eval_set WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate();
            }
        });
        if (deleted == 0) {
            throw noSuchSet(name);
        }
    }

    // --- the files of an earlier build -----------------------------------------------------------------------

    /** Reads the sets an earlier build kept as files into the database, once per store (see LegacyGoldenSets). */
    private void migrate() {
        if (migrated) {
            return;
        }
        synchronized (this) {
            if (!migrated) {
                LegacyGoldenSets.migrate(legacyDir, corpusTexts,
                        name -> query(c -> EvalSetRows.set(c, name)) != null,
                        (set, corpus, source) -> write(set, corpus, source, "migrated from " + source));
                migrated = true;
            }
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static Version pick(String name, List<Version> versions, String wanted) {
        String w = wanted.strip().toLowerCase(Locale.ROOT);
        if (w.matches("\\d{1,6}")) {
            int n = Integer.parseInt(w);
            return versions.stream().filter(v -> v.version() == n).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("eval set " + name + " has no version " + n + "; it has 1 to "
                            + versions.getLast().version()));
        }
        var matches = w.length() < 7 ? List.<Version>of()
                : versions.stream().filter(v -> v.sha256().startsWith(w)).toList();
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("eval set " + name + " has no version " + wanted
                    + "; give a version number or (at least 7 characters of) a version's sha256");
        }
        return matches.getLast();
    }

    private static IllegalArgumentException noSuchSet(String name) {
        return new IllegalArgumentException("no eval set called " + name + " in this workspace;"
                + " see evalsets list");
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME || !name.equals(name.strip())) {
            throw new IllegalArgumentException("an eval set's name must be 1 to " + MAX_NAME
                    + " characters without surrounding spaces, got '" + name + "'");
        }
    }

    private String uniqueName(String base) {
        migrate();
        String clean = base.replaceAll("[^A-Za-z0-9._-]", "-").toLowerCase(Locale.ROOT);
        Set<String> taken = new HashSet<>(query(c -> EvalSetRows.sets(c).stream().map(EvalSetRows.SetRow::name)
                .toList()));
        String name = clean;
        for (int i = 2; taken.contains(name); i++) {
            name = clean + "-" + i;
        }
        return name;
    }

    /** The file's name without its extension and a format suffix ({@code covid.squad.json} gives {@code covid}). */
    static String stripExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String n = dot > 0 ? fileName.substring(0, dot) : fileName;
        for (String suffix : List.of(".squad", ".ragas", ".topics", ".queries")) {
            if (n.toLowerCase(Locale.ROOT).endsWith(suffix)) {
                return n.substring(0, n.length() - suffix.length());
            }
        }
        return n;
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T query(Work<T> work) {
        try (Connection c = workspace.connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the eval sets: " + e.getMessage(), e);
        }
    }

    private <T> T transaction(Work<T> work) {
        try (Connection c = workspace.connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the eval sets: " + e.getMessage(), e);
        }
    }
}
