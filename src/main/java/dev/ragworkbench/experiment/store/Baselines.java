package dev.ragworkbench.experiment.store;

import dev.ragworkbench.workspace.Jdbc;
import dev.ragworkbench.workspace.Jdbc.Retry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Baselines by name. Deleting a run deletes the baselines that named it. */
public final class Baselines {

    private static final String MISSING_PARENT = "23506";

    private final Jdbc jdbc;

    Baselines(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes {@code runId} the baseline called {@code name}, replacing what that name pointed at. */
    public Baseline set(String name, String runId, String note) {
        StoreChecks.requireText(name, "baseline name");
        Instant now = Jdbc.now();
        try {
            jdbc.update("""
                    MERGE INTO baseline (name, run_id, note, created_at) KEY (name) VALUES (?, ?, ?, ?)""", Retry.ONCE, ps -> {
                ps.setString(1, name);
                ps.setString(2, runId);
                ps.setString(3, note);
                ps.setObject(4, Jdbc.timestamp(now));
            });
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException sql && MISSING_PARENT.equals(sql.getSQLState())) {
                throw new NoSuchRunException(runId);
            }
            throw e;
        }
        return new Baseline(name, runId, note, now);
    }

    public Optional<Baseline> get(String name) {
        return jdbc.query("SELECT name, run_id, note, created_at FROM baseline WHERE name = ?",
                ps -> ps.setString(1, name), Baselines::baseline).stream().findFirst();
    }

    /** All baselines, by name. */
    public List<Baseline> list() {
        return jdbc.query("SELECT name, run_id, note, created_at FROM baseline ORDER BY name", ps -> { },
                Baselines::baseline);
    }

    /** Removes the name (the run stays); false when there was no such baseline. */
    public boolean delete(String name) {
        return jdbc.update("DELETE FROM baseline WHERE name = ?", Retry.ONCE, ps -> ps.setString(1, name)) > 0;
    }

    private static Baseline baseline(ResultSet rs) throws SQLException {
        return new Baseline(rs.getString(1), rs.getString(2), rs.getString(3), Jdbc.instant(rs, 4));
    }
}
