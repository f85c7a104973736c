package dev.ragworkbench.experiment.store;

import dev.ragworkbench.workspace.Jdbc;
import dev.ragworkbench.workspace.Jdbc.Retry;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The one write path of a run's results: a {@link RunBatch} in one transaction. Every statement takes its rows
 * from arrays ({@code UNNEST}) instead of a JDBC batch, because H2's network client, which a process beside
 * another is, sends a JDBC batch one row per round trip.
 *
 * <p>A batch is an upsert, so writing it twice leaves what writing it once did: a broken connection is retried.
 */
final class RunBatchWriter {

    private final Jdbc jdbc;

    RunBatchWriter(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes {@code batch} to the run, stamping its last write. */
    void log(String runId, RunBatch batch) {
        jdbc.inTransaction("logging to run " + runId, Retry.ONCE, c -> {
            StoreChecks.touch(c, runId);
            write(c, runId, batch);
            return null;
        });
    }

    /** Writes each batch to its run, all in one transaction (a bulk import). */
    void logAll(Map<String, RunBatch> batches) {
        jdbc.inTransaction("logging to " + batches.size() + " runs", Retry.ONCE, c -> {
            for (var e : batches.entrySet()) {
                StoreChecks.touch(c, e.getKey());
                write(c, e.getKey(), e.getValue());
            }
            return null;
        });
    }

    /** Writes {@code batch} within the caller's transaction. */
    static void write(Connection c, String runId, RunBatch batch) throws SQLException {
        putEntries(c, "run_param", runId, batch.params());
        putEntries(c, "run_tag", runId, batch.tags());
        putMetrics(c, runId, batch.metrics());
        putQueryMetrics(c, runId, batch.queryMetrics());
        putSteps(c, runId, batch.stepMetrics());
        putFailures(c, runId, batch.failures());
    }

    /**
     * Writes many runs' batches within the caller's transaction: the params, tags and metrics of all of them in
     * one statement per table (a bulk import of thousands of runs is a few statements, not thousands).
     */
    static void writeMany(Connection c, Map<String, RunBatch> batches) throws SQLException {
        var params = new Rows();
        var tags = new Rows();
        var metricRuns = new ArrayList<String>();
        var metricNames = new ArrayList<String>();
        var metricValues = new ArrayList<Double>();
        for (var e : batches.entrySet()) {
            RunBatch b = e.getValue();
            b.params().forEach((k, v) -> params.add(e.getKey(), k, v));
            b.tags().forEach((k, v) -> tags.add(e.getKey(), k, v));
            b.metrics().forEach((m, v) -> {
                metricRuns.add(e.getKey());
                metricNames.add(MetricNames.canonical(m));
                metricValues.add(v);
            });
            putQueryMetrics(c, e.getKey(), b.queryMetrics());
            putSteps(c, e.getKey(), b.stepMetrics());
            putFailures(c, e.getKey(), b.failures());
        }
        params.merge(c, "run_param");
        tags.merge(c, "run_tag");
        if (!metricRuns.isEmpty()) {
            try (var ps = c.prepareStatement("""
                    MERGE INTO run_metric (run_id, metric, "VALUE") KEY (run_id, metric)
                    SELECT t.r, t.m, t.v FROM UNNEST(CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY),
                                                     CAST(? AS DOUBLE PRECISION ARRAY)) AS t(r, m, v)""")) {
                ps.setArray(1, c.createArrayOf("VARCHAR", metricRuns.toArray()));
                ps.setArray(2, c.createArrayOf("VARCHAR", metricNames.toArray()));
                ps.setArray(3, c.createArrayOf("DOUBLE PRECISION", metricValues.toArray()));
                ps.executeUpdate();
            }
        }
    }

    /** Key/value rows of several runs, upserted in one statement. */
    private static final class Rows {
        final List<String> runs = new ArrayList<>();
        final List<String> keys = new ArrayList<>();
        final List<String> values = new ArrayList<>();

        void add(String run, String key, String value) {
            runs.add(run);
            keys.add(key);
            values.add(value);
        }

        void merge(Connection c, String table) throws SQLException {
            if (runs.isEmpty()) {
                return;
            }
            try (var ps = c.prepareStatement("MERGE INTO " + table + """
                     (run_id, "KEY", "VALUE") KEY (run_id, "KEY")
                    SELECT t.r, t.k, t.v FROM UNNEST(CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY),
                                                     CAST(? AS VARCHAR ARRAY)) AS t(r, k, v)""")) {
                ps.setArray(1, c.createArrayOf("VARCHAR", runs.toArray()));
                ps.setArray(2, c.createArrayOf("VARCHAR", keys.toArray()));
                ps.setArray(3, c.createArrayOf("VARCHAR", values.toArray()));
                ps.executeUpdate();
            }
        }
    }

    /** Upserts key/value rows in one statement. */
    static void putEntries(Connection c, String table, String runId, Map<String, String> entries) throws SQLException {
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

    /** Replaces the per-query rows of each metric: a delete, then one INSERT per metric whose rows come from arrays. */
    private static void putQueryMetrics(Connection c, String runId,
                                        Map<String, SequencedMap<String, Double>> byMetric) throws SQLException {
        if (byMetric.isEmpty()) {
            return;
        }
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

    private static void putSteps(Connection c, String runId, List<StepMetric> steps) throws SQLException {
        if (steps.isEmpty()) {
            return;
        }
        var metrics = new ArrayList<String>();
        var numbers = new ArrayList<Long>();
        var values = new ArrayList<Double>();
        for (StepMetric s : steps) {
            metrics.add(MetricNames.canonical(s.metric()));
            numbers.add(s.step());
            values.add(s.value());
        }
        Instant now = Jdbc.now();
        try (var ps = c.prepareStatement("""
                MERGE INTO run_step_metric (run_id, metric, step, "VALUE", recorded_at) KEY (run_id, metric, step)
                SELECT ?, t.m, t.s, t.v, ? FROM UNNEST(CAST(? AS VARCHAR ARRAY), CAST(? AS BIGINT ARRAY),
                                                       CAST(? AS DOUBLE PRECISION ARRAY)) AS t(m, s, v)""")) {
            ps.setString(1, runId);
            ps.setObject(2, Jdbc.timestamp(now));
            ps.setArray(3, c.createArrayOf("VARCHAR", metrics.toArray()));
            ps.setArray(4, c.createArrayOf("BIGINT", numbers.toArray()));
            ps.setArray(5, c.createArrayOf("DOUBLE PRECISION", values.toArray()));
            ps.executeUpdate();
        }
    }

    private static void putFailures(Connection c, String runId, List<ItemFailure> failures) throws SQLException {
        if (failures.isEmpty()) {
            return;
        }
        try (var ps = c.prepareStatement("""
                MERGE INTO run_item_failure (run_id, item_id, metric, reason, reply) KEY (run_id, item_id, metric)
                SELECT ?, t.i, t.m, t.r, t.p FROM UNNEST(CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY),
                                                         CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY)) AS t(i, m, r, p)""")) {
            ps.setString(1, runId);
            ps.setArray(2, c.createArrayOf("VARCHAR", failures.stream().map(ItemFailure::itemId).toArray()));
            ps.setArray(3, c.createArrayOf("VARCHAR", failures.stream()
                    .map(f -> f.metric() == null ? "" : MetricNames.canonical(f.metric())).toArray()));
            ps.setArray(4, c.createArrayOf("VARCHAR", failures.stream().map(ItemFailure::reason).toArray()));
            ps.setArray(5, c.createArrayOf("VARCHAR", failures.stream().map(ItemFailure::reply).toArray()));
            ps.executeUpdate();
        }
    }

    /** Removes a tag; false when the run had no such tag. */
    boolean removeTag(String runId, String key) {
        return jdbc.inTransaction("untagging run " + runId, Retry.ONCE, c -> {
            StoreChecks.touch(c, runId);
            try (var ps = c.prepareStatement("DELETE FROM run_tag WHERE run_id = ? AND \"KEY\" = ?")) {
                ps.setString(1, runId);
                ps.setString(2, key);
                return ps.executeUpdate() > 0;
            }
        });
    }

    RunNote addNote(String runId, String text) {
        StoreChecks.requireText(text, "note");
        Instant now = Jdbc.now();
        jdbc.inTransaction("adding a note to run " + runId, Retry.NEVER, c -> {
            StoreChecks.touch(c, runId);
            try (var ps = c.prepareStatement("INSERT INTO run_note (run_id, text, created_at) VALUES (?, ?, ?)")) {
                ps.setString(1, runId);
                ps.setString(2, text);
                ps.setObject(3, Jdbc.timestamp(now));
                ps.executeUpdate();
            }
            return null;
        });
        return new RunNote(text, now);
    }
}
