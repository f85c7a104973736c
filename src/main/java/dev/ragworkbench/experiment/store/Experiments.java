package dev.ragworkbench.experiment.store;

import dev.ragworkbench.workspace.Jdbc;
import dev.ragworkbench.workspace.Jdbc.Retry;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Experiments, one per spec name, and their executions (one per {@code run} of the spec). */
final class Experiments {

    private static final String DUPLICATE_KEY = "23505";

    private final Jdbc jdbc;

    Experiments(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records an execution of the experiment called {@code name}, creating the experiment on its first one. Two
     * processes starting the first execution of one name at once both end up under the same experiment.
     */
    ExperimentExecution startExecution(String name, String specYaml, String specPath) {
        StoreChecks.requireText(name, "experiment name");
        Objects.requireNonNull(specYaml, "specYaml");
        Instant now = Jdbc.now();
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbc.inTransaction("starting an execution of experiment " + name, Retry.NEVER, c -> {
                    long experimentId = experimentId(c, name).orElseGet(() -> insertExperiment(c, name, specYaml,
                            specPath, now));
                    return insertExecution(c, experimentId, specYaml, specPath, now);
                });
            } catch (IllegalStateException e) {
                if (attempt > 1 || !(e.getCause() instanceof SQLException sql && DUPLICATE_KEY.equals(sql.getSQLState()))) {
                    throw e;
                }
                // another process created the experiment between our look-up and insert: use theirs
            }
        }
    }

    private static Optional<Long> experimentId(Connection c, String name) throws SQLException {
        try (var ps = c.prepareStatement("SELECT id FROM experiment WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static long insertExperiment(Connection c, String name, String specYaml, String specPath, Instant now) {
        try (var ps = c.prepareStatement("INSERT INTO experiment (name, spec_yaml, spec_path, created_at) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, name);
            ps.setString(2, specYaml);
            ps.setString(3, specPath);
            ps.setObject(4, Jdbc.timestamp(now));
            ps.executeUpdate();
            return generatedKey(ps);
        } catch (SQLException e) {
            throw Jdbc.failure("creating experiment " + name, e);
        }
    }

    private static ExperimentExecution insertExecution(Connection c, long experimentId, String specYaml,
                                                       String specPath, Instant now) throws SQLException {
        try (var ps = c.prepareStatement("""
                INSERT INTO experiment_execution (experiment_id, spec_yaml, spec_path, started_at) VALUES (?, ?, ?, ?)""",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, experimentId);
            ps.setString(2, specYaml);
            ps.setString(3, specPath);
            ps.setObject(4, Jdbc.timestamp(now));
            ps.executeUpdate();
            return new ExperimentExecution(generatedKey(ps), experimentId, specYaml, specPath, now);
        }
    }

    private static long generatedKey(java.sql.PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    /** All experiments, newest first, each with its executions. */
    List<ExperimentRecord> all() {
        return load("", ps -> { });
    }

    Optional<ExperimentRecord> byId(long id) {
        return load(" WHERE e.id = ?", ps -> ps.setLong(1, id)).stream().findFirst();
    }

    Optional<ExperimentRecord> byName(String name) {
        return load(" WHERE e.name = ?", ps -> ps.setString(1, name)).stream().findFirst();
    }

    Optional<ExperimentExecution> execution(long id) {
        return jdbc.query("SELECT id, experiment_id, spec_yaml, spec_path, started_at FROM experiment_execution WHERE id = ?",
                ps -> ps.setLong(1, id), Experiments::execution).stream().findFirst();
    }

    private List<ExperimentRecord> load(String where, dev.ragworkbench.workspace.Sql.Binder binder) {
        return jdbc.inReadTransaction("reading experiments", c -> {
            record Row(long id, String name, Instant createdAt) { }
            var rows = dev.ragworkbench.workspace.Sql.rows(c, "SELECT e.id, e.name, e.created_at FROM experiment e"
                    + where + " ORDER BY e.created_at DESC, e.id DESC", binder,
                    rs -> new Row(rs.getLong(1), rs.getString(2), Jdbc.instant(rs, 3)));
            var executions = new LinkedHashMap<Long, List<ExperimentExecution>>();
            rows.forEach(r -> executions.put(r.id(), new ArrayList<>()));
            if (!rows.isEmpty()) {
                dev.ragworkbench.workspace.Sql.rows(c, """
                        SELECT x.id, x.experiment_id, x.spec_yaml, x.spec_path, x.started_at FROM experiment_execution x
                        WHERE x.experiment_id = ANY(?) ORDER BY x.started_at DESC, x.id DESC""",
                        ps -> ps.setArray(1, c.createArrayOf("BIGINT", executions.keySet().toArray())),
                        Experiments::execution).forEach(x -> executions.get(x.experimentId()).add(x));
            }
            return rows.stream().map(r -> new ExperimentRecord(r.id(), r.name(), r.createdAt(),
                    executions.get(r.id()))).toList();
        });
    }

    private static ExperimentExecution execution(ResultSet rs) throws SQLException {
        return new ExperimentExecution(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                Jdbc.instant(rs, 5));
    }
}
