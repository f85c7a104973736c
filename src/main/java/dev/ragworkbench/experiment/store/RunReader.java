package dev.ragworkbench.experiment.store;

import dev.ragworkbench.workspace.Jdbc;
import dev.ragworkbench.workspace.Sql.Binder;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.TreeMap;

/** Reads runs with everything recorded about them, and their per-query, per-step and per-item rows. */
final class RunReader {

    /** The columns {@link #runRow} reads, over {@link #FROM}. */
    static final String RUN_COLUMNS = """
            r.id, r.experiment_id, r.execution_id, e.name, r.name, r.status, r.status_reason, r.started_at,
            r.updated_at, r.ended_at, r.duration_ms, r.code_version, r.owner_pid, r.owner_started_at, r.owner_host""";
    static final String FROM = " FROM run r LEFT JOIN experiment e ON e.id = r.experiment_id";

    private final Jdbc jdbc;

    RunReader(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Run run(String runId) {
        return find(runId).orElseThrow(() -> new NoSuchRunException(runId));
    }

    Optional<Run> find(String runId) {
        return load("SELECT " + RUN_COLUMNS + FROM + " WHERE r.id = ?", ps -> ps.setString(1, runId))
                .stream().findFirst();
    }

    /** Runs matching {@code filter}, newest first. */
    List<Run> runs(RunQuery filter) {
        var sql = new StringBuilder("SELECT " + RUN_COLUMNS + FROM + " WHERE 1 = 1");
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
            String pattern = "%" + StoreChecks.likeEscape(filter.text().strip().toLowerCase(Locale.ROOT)) + "%";
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

    /** Loads the runs {@code sql} selects ({@link #RUN_COLUMNS} first), in its order, in one read transaction. */
    List<Run> load(String sql, Binder binder) {
        return jdbc.inReadTransaction("reading runs", c -> load(c, sql, binder));
    }

    /** As {@link #load(String, Binder)} within the caller's transaction. */
    static List<Run> load(Connection c, String sql, Binder binder) throws SQLException {
        return load(c, sql, binder, rs -> { });
    }

    /** As {@link #load(Connection, String, Binder)}, handing each row to {@code more} for columns after the run's. */
    static List<Run> load(Connection c, String sql, Binder binder, RowConsumer more) throws SQLException {
        var rows = new ArrayList<RunRow>();
        try (var ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(runRow(rs));
                    more.accept(rs);
                }
            }
        }
        return withDetails(c, rows);
    }

    /** The runs of {@code rows} and, in one query per table (not per run), their params, metrics and the rest. */
    private static List<Run> withDetails(Connection c, List<RunRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        Object[] ids = rows.stream().map(RunRow::id).toArray();
        var params = entries(c, "SELECT x.run_id, x.\"KEY\", x.\"VALUE\"" + byIds("run_param"), ids);
        var tags = entries(c, "SELECT x.run_id, x.\"KEY\", x.\"VALUE\"" + byIds("run_tag"), ids);
        var metrics = new HashMap<String, Map<String, Double>>();
        forEachRow(c, "SELECT x.run_id, x.metric, x.\"VALUE\"" + byIds("run_metric"), ids, rs ->
                metrics.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getDouble(3)));
        var notes = new HashMap<String, List<RunNote>>();
        forEachRow(c, "SELECT x.run_id, x.text, x.created_at" + byIds("run_note") + " ORDER BY x.id", ids, rs ->
                notes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new RunNote(rs.getString(2), Jdbc.instant(rs, 3))));
        var artifacts = new HashMap<String, List<RunArtifact>>();
        forEachRow(c, "SELECT x.run_id, x.name, x.path, x.kind, x.size_bytes, x.created_at" + byIds("run_artifact")
                + " ORDER BY x.name", ids, rs ->
                artifacts.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new RunArtifact(
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), Jdbc.instant(rs, 6))));
        return rows.stream().map(r -> r.toRun(
                params.getOrDefault(r.id(), Map.of()),
                metrics.getOrDefault(r.id(), Map.of()),
                tags.getOrDefault(r.id(), Map.of()),
                notes.getOrDefault(r.id(), List.of()),
                artifacts.getOrDefault(r.id(), List.of()))).toList();
    }

    /** One metric's per-query values of a run, query id → value, in the order they were logged. */
    SequencedMap<String, Double> queryMetrics(String runId, String metric) {
        var values = new LinkedHashMap<String, Double>();
        jdbc.query("""
                SELECT query_id, "VALUE" FROM run_query_metric WHERE run_id = ? AND metric = ?
                ORDER BY ordinal, query_id""", ps -> {
            ps.setString(1, runId);
            ps.setString(2, MetricNames.canonical(metric));
        }, rs -> values.put(rs.getString(1), rs.getDouble(2)));
        return values;
    }

    /** The metrics a run has per-query values of, sorted. */
    List<String> queryMetricNames(String runId) {
        return jdbc.query("SELECT DISTINCT metric FROM run_query_metric WHERE run_id = ? ORDER BY metric",
                ps -> ps.setString(1, runId), rs -> rs.getString(1));
    }

    /** One metric's curve: its points by step, first step first. */
    List<StepMetric> stepMetrics(String runId, String metric) {
        return jdbc.query("""
                SELECT metric, step, "VALUE", recorded_at FROM run_step_metric WHERE run_id = ? AND metric = ?
                ORDER BY step""", ps -> {
            ps.setString(1, runId);
            ps.setString(2, MetricNames.canonical(metric));
        }, rs -> new StepMetric(rs.getString(1), rs.getLong(2), rs.getDouble(3), Jdbc.instant(rs, 4)));
    }

    /** The metrics a run has curves of, sorted. */
    List<String> stepMetricNames(String runId) {
        return jdbc.query("SELECT DISTINCT metric FROM run_step_metric WHERE run_id = ? ORDER BY metric",
                ps -> ps.setString(1, runId), rs -> rs.getString(1));
    }

    /** The run's failed items, by item id, then metric (the whole item's failure first). */
    List<ItemFailure> itemFailures(String runId) {
        return jdbc.query("""
                SELECT item_id, metric, reason, reply FROM run_item_failure WHERE run_id = ?
                ORDER BY item_id, metric""", ps -> ps.setString(1, runId),
                rs -> new ItemFailure(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
    }

    private record RunRow(String id, Long experimentId, Long executionId, String experiment, String name,
                          RunStatus status, String reason, java.time.Instant startedAt, java.time.Instant updatedAt,
                          java.time.Instant endedAt, Long durationMs, String codeVersion, RunOwner owner) {

        Run toRun(Map<String, String> params, Map<String, Double> metrics, Map<String, String> tags,
                  List<RunNote> notes, List<RunArtifact> artifacts) {
            return new Run(id, experimentId, executionId, experiment, name, status, reason, startedAt, updatedAt,
                    endedAt, durationMs, codeVersion, owner, new TreeMap<>(params), new TreeMap<>(metrics),
                    new TreeMap<>(tags), notes, artifacts);
        }
    }

    private static RunRow runRow(ResultSet rs) throws SQLException {
        return new RunRow(rs.getString(1), rs.getObject(2, Long.class), rs.getObject(3, Long.class), rs.getString(4),
                rs.getString(5), RunStatus.fromId(rs.getString(6)), rs.getString(7), Jdbc.instant(rs, 8),
                Jdbc.instant(rs, 9), Jdbc.instant(rs, 10), rs.getObject(11, Long.class), rs.getString(12),
                new RunOwner(rs.getLong(13), Jdbc.instant(rs, 14), rs.getString(15)));
    }

    /**
     * The rows of {@code table} (as {@code x}) of the runs whose ids are the array parameter. A join from the array
     * looks each run up by its key; {@code run_id = ANY(?)} scanned the whole table, testing each row against the
     * array, which took seconds for thousands of runs.
     */
    private static String byIds(String table) {
        return " FROM UNNEST(CAST(? AS VARCHAR ARRAY)) AS ids(id) JOIN " + table + " x ON x.run_id = ids.id";
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

    interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }
}
