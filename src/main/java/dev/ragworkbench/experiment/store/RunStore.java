package dev.ragworkbench.experiment.store;

import dev.ragworkbench.evaluation.Comparison;
import dev.ragworkbench.evaluation.EvaluationResult;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.evaluation.PairedComparison;
import dev.ragworkbench.evaluation.QueryResult;
import dev.ragworkbench.workspace.Sql;
import dev.ragworkbench.workspace.Sql.Binder;
import dev.ragworkbench.workspace.Sql.RowMapper;
import dev.ragworkbench.workspace.Workspace;
import org.h2.api.ErrorCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Experiments and runs in a workspace database, over plain JDBC.
 *
 * <p>Every write is one committed transaction, so a process killed mid-experiment keeps every run it finished and
 * never leaves a run half-written (a run's per-query values are all there or none are). The run it was writing
 * stays {@code running} until a store is next opened on the same host: then {@link #reconcile()} sees its process
 * is gone and marks it {@code failed}, reason {@code interrupted (process N ended)}.
 *
 * <p>Safe to use from several threads and, through H2's {@code AUTO_SERVER}, from several processes at once (the
 * GUI reading while a CLI run writes).
 */
public final class RunStore {

    /** Prefix of the reason of a run whose process ended without finishing it. */
    public static final String INTERRUPTED = "interrupted";

    private static final int ID_ATTEMPTS = 8;
    private static final String DUPLICATE_KEY = "23505";
    private static final String MISSING_PARENT = "23506";

    private static final String RUN_COLUMNS = """
            r.id, r.experiment_id, r.name, r.status, r.status_reason, r.started_at, r.updated_at, r.ended_at,
            r.duration_ms, r.code_version, r.owner_pid, r.owner_started_at, r.owner_host""";

    /** How a file becomes an artifact. */
    public enum Transfer {
        /** Copy it; the original stays where it is. */
        COPY,
        /** Move it (the cheap choice for a file written only to be kept). */
        MOVE
    }

    private final Workspace workspace;
    private final RunOwner self;
    private final OwnerLiveness liveness;
    private final String codeVersion;

    /** Opens the store of {@code workspace} and {@linkplain #reconcile() fails runs whose process is gone}. */
    public RunStore(Workspace workspace) {
        this(workspace, RunOwner.current());
    }

    RunStore(Workspace workspace, RunOwner self) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.self = self;
        this.liveness = new OwnerLiveness(RunOwner.localHost());
        this.codeVersion = codeVersion();
        reconcile();
    }

    /** The version runs started here record: the jar's {@code Implementation-Version}, or {@code dev}. */
    public static String codeVersion() {
        String v = RunStore.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }

    // ---------------------------------------------------------------------------------------------- experiments

    public ExperimentRecord createExperiment(String name, String specYaml, String specPath) {
        requireText(name, "experiment name");
        Objects.requireNonNull(specYaml, "specYaml");
        Instant now = now();
        long id = inTransaction("creating experiment " + name, false, c -> {
            try (var ps = c.prepareStatement(
                    "INSERT INTO experiment (name, spec_yaml, spec_path, created_at) VALUES (?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, name);
                ps.setString(2, specYaml);
                ps.setString(3, specPath);
                ps.setObject(4, timestamp(now));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        return new ExperimentRecord(id, name, specYaml, specPath, now);
    }

    /** All experiments, newest first. */
    public List<ExperimentRecord> experiments() {
        return query("SELECT id, name, spec_yaml, spec_path, created_at FROM experiment ORDER BY created_at DESC, id DESC",
                ps -> { }, RunStore::experiment);
    }

    public Optional<ExperimentRecord> experiment(long id) {
        return query("SELECT id, name, spec_yaml, spec_path, created_at FROM experiment WHERE id = ?",
                ps -> ps.setLong(1, id), RunStore::experiment).stream().findFirst();
    }

    // ------------------------------------------------------------------------------------------------ run life

    /**
     * Records a new run as {@code running}, owned by this process, with its params and tags, and commits it
     * before returning so other processes see it at once.
     *
     * @param experimentId the experiment it is a point of, or null for a lone run
     * @param params       flat dotted keys such as {@code chunking.kind}, {@code retrieval.k1}
     */
    public Run startRun(Long experimentId, String name, Map<String, String> params, Map<String, String> tags) {
        return startRun(experimentId, name, params, tags, self);
    }

    /** As {@link #startRun(Long, String, Map, Map)} with another owner: lets tests stand in for other processes. */
    Run startRun(Long experimentId, String name, Map<String, String> params, Map<String, String> tags,
                       RunOwner owner) {
        requireText(name, "run name");
        checkEntries(params, "param");
        checkEntries(tags, "tag");
        Instant start = now();
        for (int attempt = 1; ; attempt++) {
            String id = RunIds.next(start);
            try {
                try {
                    insertRun(id, experimentId, name, params, tags, owner, start);
                } catch (IllegalStateException e) {
                    if (!brokenConnection(e)) {
                        throw e;
                    }
                    // The process serving the database ended mid-insert. Insert again only if the first one did
                    // not commit, with the same id, so a retry never makes a second run.
                    if (find(id).isEmpty()) {
                        insertRun(id, experimentId, name, params, tags, owner, start);
                    }
                }
                return new Run(id, experimentId, name, RunStatus.RUNNING, null, start, start, null, null,
                        codeVersion, owner, new TreeMap<>(params), new TreeMap<>(), new TreeMap<>(tags), List.of(),
                        List.of());
            } catch (DuplicateIdException e) {
                if (attempt == ID_ATTEMPTS) {
                    throw new IllegalStateException("could not find a free run id after " + attempt + " attempts");
                }
            }
        }
    }

    private void insertRun(String id, Long experimentId, String name, Map<String, String> params,
                           Map<String, String> tags, RunOwner owner, Instant start) {
        inTransaction("starting run " + name, false, c -> {
            try (var ps = c.prepareStatement("""
                    INSERT INTO run (id, experiment_id, name, status, started_at, updated_at, code_version,
                                     owner_pid, owner_started_at, owner_host)
                    VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?, ?)""")) {
                ps.setString(1, id);
                ps.setObject(2, experimentId, Types.BIGINT);
                ps.setString(3, name);
                ps.setObject(4, timestamp(start));
                ps.setObject(5, timestamp(start));
                ps.setString(6, codeVersion);
                ps.setLong(7, owner.pid());
                ps.setObject(8, owner.startedAt() == null ? null : timestamp(owner.startedAt()));
                ps.setString(9, owner.host());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (DUPLICATE_KEY.equals(e.getSQLState())) {
                    throw new DuplicateIdException();
                }
                if (MISSING_PARENT.equals(e.getSQLState())) {
                    throw new IllegalArgumentException("no experiment " + experimentId + " in this workspace");
                }
                throw e;
            }
            putEntries(c, "run_param", id, params);
            putEntries(c, "run_tag", id, tags);
            return null;
        });
    }

    /** Marks the run {@code finished}. */
    public Run finish(String runId) {
        return end(runId, RunStatus.FINISHED, null);
    }

    /** Marks the run {@code failed}, saying why (an exception message, say). */
    public Run fail(String runId, String reason) {
        return end(runId, RunStatus.FAILED, reason);
    }

    /** Marks the run {@code cancelled}: the user stopped it. */
    public Run cancel(String runId) {
        return end(runId, RunStatus.CANCELLED, "cancelled by the user");
    }

    private Run end(String runId, RunStatus status, String reason) {
        try {
            endOnce(runId, status, reason);
        } catch (IllegalStateException e) {
            if (!brokenConnection(e)) {
                throw e;
            }
            // A broken connection may have hidden a commit: done if the run already has that status.
            if (run(runId).status() != status) {
                endOnce(runId, status, reason);
            }
        }
        return run(runId);
    }

    private void endOnce(String runId, RunStatus status, String reason) {
        Instant now = now();
        inTransaction("ending run " + runId, false, c -> {
            Instant started;
            try (var ps = c.prepareStatement("SELECT status, started_at, status_reason FROM run WHERE id = ? FOR UPDATE")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NoSuchRunException(runId);
                    }
                    RunStatus current = RunStatus.parse(rs.getString(1));
                    if (current != RunStatus.RUNNING) {
                        String why = rs.getString(3);
                        throw new IllegalStateException("run " + runId + " is already " + current
                                + (why == null ? "" : " (" + why + ")") + "; cannot mark it " + status);
                    }
                    started = instant(rs, 2);
                }
            }
            try (var ps = c.prepareStatement("""
                    UPDATE run SET status = ?, status_reason = ?, ended_at = ?, updated_at = ?, duration_ms = ?
                    WHERE id = ?""")) {
                ps.setString(1, status.id());
                ps.setString(2, reason);
                ps.setObject(3, timestamp(now));
                ps.setObject(4, timestamp(now));
                ps.setLong(5, Math.max(0, Duration.between(started, now).toMillis()));
                ps.setString(6, runId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Marks {@code failed} every {@code running} run whose process on this host is gone: its pid is not alive, or
     * belongs to a process that started at another instant (the pid was reused). Its end time is its last
     * write. Runs of live processes and of other hosts are left alone. Called when a store is opened; a GUI may
     * call it again now and then.
     *
     * @return the ids of the runs it marked failed
     */
    public List<String> reconcile() {
        record Candidate(String id, RunOwner owner, Instant startedAt, Instant updatedAt) { }
        List<Candidate> running = query("""
                SELECT id, owner_pid, owner_started_at, owner_host, started_at, updated_at
                FROM run WHERE status = 'running'""", ps -> { },
                rs -> new Candidate(rs.getString(1), new RunOwner(rs.getLong(2), instant(rs, 3), rs.getString(4)),
                        instant(rs, 5), instant(rs, 6)));
        var failed = new ArrayList<String>();
        for (Candidate run : running) {
            Optional<String> gone = liveness.goneReason(run.owner());
            if (gone.isEmpty()) {
                continue;
            }
            // "AND status = 'running'": another process may be reconciling the same run right now.
            int changed = update("""
                    UPDATE run SET status = 'failed', status_reason = ?, ended_at = updated_at, duration_ms = ?
                    WHERE id = ? AND status = 'running'""", true, ps -> {
                ps.setString(1, INTERRUPTED + " (" + gone.get() + ")");
                ps.setLong(2, Math.max(0, Duration.between(run.startedAt(), run.updatedAt()).toMillis()));
                ps.setString(3, run.id());
            });
            if (changed > 0) {
                failed.add(run.id());
            }
        }
        return failed;
    }

    // ----------------------------------------------------------------------------------------------- logging

    /** Records aggregate metric values (replacing earlier values of the same metrics). */
    public void logMetrics(String runId, Map<String, Double> metrics) {
        checkMetrics(metrics);
        inTransaction("logging metrics of run " + runId, true, c -> {
            touch(c, runId);
            putMetrics(c, runId, metrics);
            return null;
        });
    }

    /** Records per-query values of every metric in {@code perQuery}, replacing earlier values of those metrics. */
    public void logQueryMetrics(String runId, List<QueryResult> perQuery) {
        var byMetric = byMetric(perQuery);
        inTransaction("logging per-query metrics of run " + runId, true, c -> {
            touch(c, runId);
            putQueryMetrics(c, runId, byMetric);
            return null;
        });
    }

    /** Records one metric's per-query values (query id → value, in evaluation order), replacing earlier ones. */
    public void logQueryMetrics(String runId, String metric, SequencedMap<String, Double> valuesByQuery) {
        var byMetric = new LinkedHashMap<String, SequencedMap<String, Double>>();
        byMetric.put(MetricNames.canonical(metric), valuesByQuery);
        byMetric.values().forEach(values -> checkMetrics(values));
        inTransaction("logging per-query " + metric + " of run " + runId, true, c -> {
            touch(c, runId);
            putQueryMetrics(c, runId, byMetric);
            return null;
        });
    }

    /**
     * Records an evaluation's means and per-query values in one transaction, so a run never shows means without
     * the values behind them.
     */
    public void logEvaluation(String runId, EvaluationResult result) {
        var means = new LinkedHashMap<String, Double>();
        result.aggregate().means().forEach((metric, mean) -> means.put(metric.toString(), mean));
        checkMetrics(means);
        var byMetric = byMetric(result.perQuery());
        inTransaction("logging evaluation of run " + runId, true, c -> {
            touch(c, runId);
            putMetrics(c, runId, means);
            putQueryMetrics(c, runId, byMetric);
            return null;
        });
    }

    /** Sets (or replaces) one tag. */
    public void setTag(String runId, String key, String value) {
        checkEntries(Map.of(key, value), "tag");
        inTransaction("tagging run " + runId, true, c -> {
            touch(c, runId);
            putEntries(c, "run_tag", runId, Map.of(key, value));
            return null;
        });
    }

    /** Removes a tag; false when the run had no such tag. */
    public boolean removeTag(String runId, String key) {
        return inTransaction("untagging run " + runId, true, c -> {
            touch(c, runId);
            try (var ps = c.prepareStatement("DELETE FROM run_tag WHERE run_id = ? AND \"KEY\" = ?")) {
                ps.setString(1, runId);
                ps.setString(2, key);
                return ps.executeUpdate() > 0;
            }
        });
    }

    public RunNote addNote(String runId, String text) {
        requireText(text, "note");
        Instant now = now();
        inTransaction("adding a note to run " + runId, false, c -> {
            touch(c, runId);
            try (var ps = c.prepareStatement("INSERT INTO run_note (run_id, text, created_at) VALUES (?, ?, ?)")) {
                ps.setString(1, runId);
                ps.setString(2, text);
                ps.setObject(3, timestamp(now));
                ps.executeUpdate();
            }
            return null;
        });
        return new RunNote(text, now);
    }

    /** Copies {@code file} into {@code artifacts/<runId>/<name>} and records it. */
    public RunArtifact addArtifact(String runId, String name, Path file, String kind) {
        return addArtifact(runId, name, file, kind, Transfer.COPY);
    }

    /**
     * Copies or moves {@code file} into {@code artifacts/<runId>/<name>} (replacing an artifact of that name) and
     * records it. The file is in place before its row is committed, so a recorded artifact always exists; a crash
     * in between leaves at most an unrecorded file.
     *
     * @param name a plain file name: no folders, so every artifact stays inside its run's folder
     * @param kind what it is, e.g. {@code trec-run}, {@code per-query-json}
     */
    public RunArtifact addArtifact(String runId, String name, Path file, String kind, Transfer transfer) {
        checkArtifactName(name);
        requireText(kind, "artifact kind");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("artifact " + file + " is not a file");
        }
        if (!exists(runId)) { // before touching the file system
            throw new NoSuchRunException(runId);
        }
        Path dir = runArtifactsDir(runId);
        Path target = dir.resolve(name);
        long size;
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "." + name + ".", ".part");
            try {
                if (transfer == Transfer.MOVE) {
                    Files.move(file, temp, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
                }
                // Readers see the old file or the new one, never a partial copy.
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            size = Files.size(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store artifact " + name + " of run " + runId + ": " + e.getMessage(), e);
        }
        String relative = workspace.root().relativize(target).toString().replace('\\', '/');
        Instant now = now();
        inTransaction("recording artifact " + name + " of run " + runId, true, c -> {
            touch(c, runId);
            try (var ps = c.prepareStatement("""
                    MERGE INTO run_artifact (run_id, name, path, kind, size_bytes, created_at) KEY (run_id, name)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                ps.setString(1, runId);
                ps.setString(2, name);
                ps.setString(3, relative);
                ps.setString(4, kind);
                ps.setLong(5, size);
                ps.setObject(6, timestamp(now));
                ps.executeUpdate();
            }
            return null;
        });
        return new RunArtifact(name, relative, kind, size, now);
    }

    /** The folder holding a run's artifacts (it may not exist yet). */
    public Path runArtifactsDir(String runId) {
        if (!RunIds.FORMAT.matcher(runId).matches()) {
            // ids come from us; anything else must not name a folder outside artifacts/
            throw new NoSuchRunException(runId);
        }
        return workspace.artifactsDir().resolve(runId);
    }

    /** Where an artifact's file is. */
    public Path file(RunArtifact artifact) {
        return artifact.file(workspace.root());
    }

    /**
     * Deletes a run with everything recorded about it, then its artifacts folder. Refuses a run still being
     * written by a live process on this host: cancel it there first.
     */
    public void delete(String runId) {
        Run run = run(runId);
        if (run.status() == RunStatus.RUNNING && liveness.isLocal(run.owner())
                && liveness.goneReason(run.owner()).isEmpty()) {
            throw new IllegalStateException("run " + runId + " is still running in process " + run.owner().pid()
                    + "; stop it before deleting it");
        }
        int deleted = update("DELETE FROM run WHERE id = ?", false, ps -> ps.setString(1, runId));
        if (deleted == 0) {
            throw new NoSuchRunException(runId);
        }
        // Database first: a crash in between leaves an orphan folder, never a run whose files are gone.
        deleteTree(runArtifactsDir(runId));
    }

    // --------------------------------------------------------------------------------------------- reading

    /** The full run; throws {@link NoSuchRunException} for an unknown id. */
    public Run run(String runId) {
        return find(runId).orElseThrow(() -> new NoSuchRunException(runId));
    }

    public Optional<Run> find(String runId) {
        List<Run> found = load("SELECT " + RUN_COLUMNS + " FROM run r WHERE r.id = ?",
                ps -> ps.setString(1, runId));
        return found.stream().findFirst();
    }

    /** Runs matching {@code filter}, newest first, each with its params, metrics, tags, notes and artifacts. */
    public List<Run> runs(RunQuery filter) {
        var sql = new StringBuilder("SELECT " + RUN_COLUMNS + " FROM run r WHERE 1 = 1");
        var args = new ArrayList<Object>();
        if (filter.experimentId() != null) {
            sql.append(" AND r.experiment_id = ?");
            args.add(filter.experimentId());
        }
        if (!filter.statuses().isEmpty()) {
            sql.append(" AND r.status IN (").append("?, ".repeat(filter.statuses().size() - 1)).append("?)");
            filter.statuses().forEach(s -> args.add(s.id()));
        }
        if (filter.text() != null) {
            sql.append("""
                     AND (LOWER(r.name) LIKE ? ESCAPE '\\'
                          OR EXISTS (SELECT 1 FROM run_param p WHERE p.run_id = r.id
                                     AND (LOWER(p."KEY") LIKE ? ESCAPE '\\' OR LOWER(p."VALUE") LIKE ? ESCAPE '\\'))
                          OR EXISTS (SELECT 1 FROM run_tag t WHERE t.run_id = r.id
                                     AND (LOWER(t."KEY") LIKE ? ESCAPE '\\' OR LOWER(t."VALUE") LIKE ? ESCAPE '\\')))""");
            String pattern = "%" + likeEscape(filter.text().strip().toLowerCase(Locale.ROOT)) + "%";
            for (int i = 0; i < 5; i++) {
                args.add(pattern);
            }
        }
        sql.append(" ORDER BY r.started_at DESC, r.id DESC");
        if (filter.limit() > 0) {
            sql.append(" LIMIT ").append(filter.limit());
        }
        return load(sql.toString(), ps -> {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
        });
    }

    /** One metric's per-query values of a run, query id → value, in the order they were logged. */
    public SequencedMap<String, Double> queryMetrics(String runId, String metric) {
        var values = new LinkedHashMap<String, Double>();
        query("""
                SELECT query_id, "VALUE" FROM run_query_metric WHERE run_id = ? AND metric = ?
                ORDER BY ordinal, query_id""", ps -> {
            ps.setString(1, runId);
            ps.setString(2, MetricNames.canonical(metric));
        }, rs -> values.put(rs.getString(1), rs.getDouble(2)));
        return values;
    }

    public SequencedMap<String, Double> queryMetrics(String runId, Metric metric) {
        return queryMetrics(runId, metric.toString());
    }

    /** The metrics a run has per-query values of, sorted. */
    public List<String> queryMetricNames(String runId) {
        return query("SELECT DISTINCT metric FROM run_query_metric WHERE run_id = ? ORDER BY metric",
                ps -> ps.setString(1, runId), rs -> rs.getString(1));
    }

    /** {@link #compare(String, String, PairedComparison.Options)} with the default options. */
    public List<Comparison> compare(String runIdA, String runIdB) {
        return compare(runIdA, runIdB, PairedComparison.Options.defaults());
    }

    /**
     * Run B against run A on every metric both have per-query values of (sorted by name), from the stored values,
     * paired by query id. Metrics that are not ranking metrics ({@link Metric#parse} rejects them) are skipped.
     *
     * @throws IllegalArgumentException when the runs have values for different queries of a shared metric, as
     *                                  happens when they were evaluated on different query sets
     */
    public List<Comparison> compare(String runIdA, String runIdB, PairedComparison.Options options) {
        run(runIdA);
        run(runIdB);
        var shared = new TreeSet<>(queryMetricNames(runIdA));
        shared.retainAll(queryMetricNames(runIdB));
        var comparisons = new ArrayList<Comparison>();
        for (String name : shared) {
            Optional<Metric> metric = MetricNames.parse(name);
            if (metric.isEmpty()) {
                continue;
            }
            SequencedMap<String, Double> a = queryMetrics(runIdA, name);
            SequencedMap<String, Double> b = queryMetrics(runIdB, name);
            if (!a.keySet().equals(b.keySet())) {
                throw new IllegalArgumentException("runs " + runIdA + " and " + runIdB + " have " + name
                        + " for different queries (" + a.size() + " vs " + b.size()
                        + "); compare runs evaluated on the same queries");
            }
            double[] valuesA = new double[a.size()];
            double[] valuesB = new double[a.size()];
            int i = 0;
            for (var e : a.entrySet()) {
                valuesA[i] = e.getValue();
                valuesB[i] = b.get(e.getKey());
                i++;
            }
            comparisons.add(PairedComparison.compare(metric.get(), valuesA, valuesB, options));
        }
        return comparisons;
    }

    // ------------------------------------------------------------------------------------------- internals

    /** Loads runs and, in one query per table (not per run), their params, metrics, tags, notes and artifacts. */
    private List<Run> load(String sql, Binder binder) {
        return withConnection("reading runs", true, c -> {
            // One read transaction, so a run and its details come from the same committed state.
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                var rows = new ArrayList<RunRow>();
                try (var ps = c.prepareStatement(sql)) {
                    binder.bind(ps);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(runRow(rs));
                        }
                    }
                }
                if (rows.isEmpty()) {
                    return List.of();
                }
                Object[] ids = rows.stream().map(RunRow::id).toArray();
                var params = entries(c, "SELECT run_id, \"KEY\", \"VALUE\" FROM run_param WHERE run_id = ANY(?)", ids);
                var tags = entries(c, "SELECT run_id, \"KEY\", \"VALUE\" FROM run_tag WHERE run_id = ANY(?)", ids);
                var metrics = new HashMap<String, Map<String, Double>>();
                forEachRow(c, "SELECT run_id, metric, \"VALUE\" FROM run_metric WHERE run_id = ANY(?)", ids, rs ->
                        metrics.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getDouble(3)));
                var notes = new HashMap<String, List<RunNote>>();
                forEachRow(c, "SELECT run_id, text, created_at FROM run_note WHERE run_id = ANY(?) ORDER BY id", ids, rs ->
                        notes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new RunNote(rs.getString(2), instant(rs, 3))));
                var artifacts = new HashMap<String, List<RunArtifact>>();
                forEachRow(c, """
                        SELECT run_id, name, path, kind, size_bytes, created_at FROM run_artifact
                        WHERE run_id = ANY(?) ORDER BY name""", ids, rs ->
                        artifacts.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new RunArtifact(
                                rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), instant(rs, 6))));
                c.commit();
                return rows.stream().map(r -> r.toRecord(
                        params.getOrDefault(r.id(), Map.of()),
                        metrics.getOrDefault(r.id(), Map.of()),
                        tags.getOrDefault(r.id(), Map.of()),
                        notes.getOrDefault(r.id(), List.of()),
                        artifacts.getOrDefault(r.id(), List.of()))).toList();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        });
    }

    private record RunRow(String id, Long experimentId, String name, RunStatus status, String reason,
                          Instant startedAt, Instant updatedAt, Instant endedAt, Long durationMs, String codeVersion,
                          RunOwner owner) {

        Run toRecord(Map<String, String> params, Map<String, Double> metrics, Map<String, String> tags,
                           List<RunNote> notes, List<RunArtifact> artifacts) {
            return new Run(id, experimentId, name, status, reason, startedAt, updatedAt, endedAt, durationMs,
                    codeVersion, owner, new TreeMap<>(params), new TreeMap<>(metrics), new TreeMap<>(tags), notes,
                    artifacts);
        }
    }

    private static RunRow runRow(ResultSet rs) throws SQLException {
        return new RunRow(rs.getString(1), rs.getObject(2, Long.class), rs.getString(3),
                RunStatus.parse(rs.getString(4)), rs.getString(5), instant(rs, 6), instant(rs, 7), instant(rs, 8),
                rs.getObject(9, Long.class), rs.getString(10),
                new RunOwner(rs.getLong(11), instant(rs, 12), rs.getString(13)));
    }

    private static Map<String, Map<String, String>> entries(Connection c, String sql, Object[] ids) throws SQLException {
        var result = new HashMap<String, Map<String, String>>();
        forEachRow(c, sql, ids, rs ->
                result.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3)));
        return result;
    }

    private static void forEachRow(Connection c, String sql, Object[] ids, RowConsumer action) throws SQLException {
        try (var ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("VARCHAR", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    action.accept(rs);
                }
            }
        }
    }

    /** Stamps the run's last write, and makes an unknown id an error instead of a foreign-key failure. */
    private static void touch(Connection c, String runId) throws SQLException {
        try (var ps = c.prepareStatement("UPDATE run SET updated_at = ? WHERE id = ?")) {
            ps.setObject(1, timestamp(now()));
            ps.setString(2, runId);
            if (ps.executeUpdate() == 0) {
                throw new NoSuchRunException(runId);
            }
        }
    }

    /** Upserts key/value rows in one statement (rows from arrays: one round trip even as a network client). */
    private static void putEntries(Connection c, String table, String runId, Map<String, String> entries)
            throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (var ps = c.prepareStatement("MERGE INTO " + table + """
                 (run_id, "KEY", "VALUE") KEY (run_id, "KEY")
                SELECT ?, t.k, t.v FROM UNNEST(CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY)) AS t(k, v)""")) {
            ps.setString(1, runId);
            ps.setArray(2, c.createArrayOf("VARCHAR", entries.keySet().toArray()));
            ps.setArray(3, c.createArrayOf("VARCHAR", entries.values().toArray()));
            ps.executeUpdate();
        }
    }

    private static void putMetrics(Connection c, String runId, Map<String, Double> metrics) throws SQLException {
        if (metrics.isEmpty()) {
            return;
        }
        var canonical = new LinkedHashMap<String, Double>();
        metrics.forEach((name, value) -> canonical.put(MetricNames.canonical(name), value));
        try (var ps = c.prepareStatement("""
                MERGE INTO run_metric (run_id, metric, "VALUE") KEY (run_id, metric)
                SELECT ?, t.m, t.v FROM UNNEST(CAST(? AS VARCHAR ARRAY), CAST(? AS DOUBLE PRECISION ARRAY)) AS t(m, v)""")) {
            ps.setString(1, runId);
            ps.setArray(2, c.createArrayOf("VARCHAR", canonical.keySet().toArray()));
            ps.setArray(3, c.createArrayOf("DOUBLE PRECISION", canonical.values().toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * Replaces the per-query rows of each metric: a delete, then one INSERT per metric whose rows come from arrays.
     * One statement instead of a JDBC batch matters for a process that is an AUTO_SERVER client: H2's client
     * sends a batch one row per network round trip.
     */
    private static void putQueryMetrics(Connection c, String runId,
                                        Map<String, ? extends SequencedMap<String, Double>> byMetric)
            throws SQLException {
        try (var delete = c.prepareStatement("DELETE FROM run_query_metric WHERE run_id = ? AND metric = ?");
             var insert = c.prepareStatement("""
                     INSERT INTO run_query_metric (run_id, metric, query_id, ordinal, "VALUE")
                     SELECT ?, ?, t.q, t.o, t.v
                     FROM UNNEST(CAST(? AS VARCHAR ARRAY), CAST(? AS DOUBLE PRECISION ARRAY)) WITH ORDINALITY AS t(q, v, o)""")) {
            for (var metric : byMetric.entrySet()) {
                delete.setString(1, runId);
                delete.setString(2, metric.getKey());
                delete.executeUpdate();
                var values = metric.getValue();
                if (values.isEmpty()) {
                    continue;
                }
                insert.setString(1, runId);
                insert.setString(2, metric.getKey());
                insert.setArray(3, c.createArrayOf("VARCHAR", values.keySet().toArray()));
                insert.setArray(4, c.createArrayOf("DOUBLE PRECISION", values.values().toArray()));
                int inserted = insert.executeUpdate();
                if (inserted != values.size()) {
                    throw new IllegalStateException("stored " + inserted + " of " + values.size() + " per-query values");
                }
            }
        }
    }

    /** Per-query results regrouped as metric name → (query id → value), keeping query order. */
    private static Map<String, SequencedMap<String, Double>> byMetric(List<QueryResult> perQuery) {
        var byMetric = new LinkedHashMap<String, SequencedMap<String, Double>>();
        for (QueryResult q : perQuery) {
            q.values().forEach((metric, value) -> {
                var values = byMetric.computeIfAbsent(metric.toString(), k -> new LinkedHashMap<>());
                if (values.put(q.queryId(), value) != null) {
                    throw new IllegalArgumentException("query " + q.queryId() + " appears twice for " + metric);
                }
            });
        }
        byMetric.values().forEach(RunStore::checkMetrics);
        return byMetric;
    }

    private static void checkMetrics(Map<String, Double> values) {
        values.forEach((key, value) -> {
            Objects.requireNonNull(key, "metric or query id");
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("value of " + key + " must be a finite number but was " + value);
            }
        });
    }

    private static void checkEntries(Map<String, String> entries, String what) {
        entries.forEach((key, value) -> {
            requireText(key, what + " key");
            Objects.requireNonNull(value, () -> what + " " + key + " has no value");
        });
    }

    private static void checkArtifactName(String name) {
        requireText(name, "artifact name");
        if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")
                || name.startsWith(".") || name.indexOf('\0') >= 0 || name.contains(":")) {
            throw new IllegalArgumentException("artifact name '" + name
                    + "' must be a plain file name (no folders, not starting with '.')");
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }

    private static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException ignored) {
            // deleted meanwhile: what we wanted
        } catch (IOException e) {
            throw new UncheckedIOException("run deleted, but not its artifacts folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Millisecond precision: what the database keeps and what durations are measured in. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static ExperimentRecord experiment(ResultSet rs) throws SQLException {
        return new ExperimentRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5));
    }

    private interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** A run id already taken: the caller draws another. */
    private static final class DuplicateIdException extends RuntimeException {
        DuplicateIdException() {
            super(null, null, false, false);
        }
    }

    private <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        return withConnection(Sql.firstLine(sql), true, c -> Sql.rows(c, sql, binder, mapper));
    }

    private boolean exists(String runId) {
        return !query("SELECT 1 FROM run WHERE id = ?", ps -> ps.setString(1, runId), rs -> true).isEmpty();
    }

    private int update(String sql, boolean retry, Binder binder) {
        return withConnection(Sql.firstLine(sql), retry, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                int changed = ps.executeUpdate();
                flush(c);
                return changed;
            }
        });
    }

    /** Runs {@code work} in one transaction: committed as a whole or not at all. */
    private <T> T inTransaction(String what, boolean retry, Work<T> work) {
        return withConnection(what, retry, c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                flush(c);
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        });
    }

    /**
     * Runs {@code work} on a new connection. When this process is an AUTO_SERVER client and the process serving
     * the database ends, the connection breaks; with {@code retry} (reads, and writes that are harmless to repeat)
     * the work runs once more on a new connection, which finds the database served by no one and opens the file
     * itself. So the GUI closing does not fail a CLI run's next write, nor a CLI run ending the GUI's listing.
     */
    private <T> T withConnection(String what, boolean retry, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = workspace.connection()) {
                return work.run(c);
            } catch (SQLException e) {
                if (!(retry && attempt == 1 && brokenConnection(e))) {
                    throw failure(what, e);
                }
            }
        }
    }

    /** Whether {@code e} (or what it wraps) says the connection to the database broke, not that the work was wrong. */
    static boolean brokenConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() == ErrorCode.CONNECTION_BROKEN_1
                    || sql.getErrorCode() == ErrorCode.DATABASE_IS_CLOSED
                    || sql.getErrorCode() == ErrorCode.DATABASE_CALLED_AT_SHUTDOWN
                    || sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes committed changes to the file now. H2 keeps commits in memory and writes them in the background,
     * when enough have piled up, so a killed process (or the killed process serving the database) loses commits
     * it already acknowledged. That would lose finished runs; a run's few writes can afford a flush each.
     */
    private static void flush(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("workspace database error " + what + ": " + e.getMessage(), e);
    }
}
