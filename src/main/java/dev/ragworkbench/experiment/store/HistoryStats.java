package dev.ragworkbench.experiment.store;

import dev.ragworkbench.workspace.Jdbc;

import java.util.List;

/** Aggregates over the history: experiments with their run counts, and the stamp a view polls. */
final class HistoryStats {

    private final Jdbc jdbc;

    HistoryStats(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Every experiment, the one with the newest run first (those with no runs last, by name). */
    List<ExperimentSummary> experiments() {
        return jdbc.query("""
                SELECT e.id, e.name,
                       (SELECT COUNT(*) FROM experiment_execution x WHERE x.experiment_id = e.id),
                       COUNT(r.id),
                       COALESCE(SUM(CASE WHEN r.status = 'finished' THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN r.status = 'failed' THEN 1 ELSE 0 END), 0),
                       MAX(r.started_at)
                FROM experiment e LEFT JOIN run r ON r.experiment_id = e.id
                GROUP BY e.id, e.name
                ORDER BY MAX(r.started_at) DESC NULLS LAST, e.name""", ps -> { }, rs -> new ExperimentSummary(
                rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                rs.getObject(7) == null ? null : Jdbc.instant(rs, 7)));
    }

    /** Off the run table's primary key and the baseline table: one small read, whatever the history's size. */
    HistoryStamp stamp() {
        return jdbc.query("""
                SELECT (SELECT COUNT(*) FROM run), (SELECT MAX(updated_at) FROM run),
                       (SELECT COUNT(*) FROM baseline), (SELECT MAX(created_at) FROM baseline)""", ps -> { },
                rs -> new HistoryStamp(rs.getLong(1), rs.getObject(2) == null ? null : Jdbc.instant(rs, 2),
                        rs.getLong(3), rs.getObject(4) == null ? null : Jdbc.instant(rs, 4))).getFirst();
    }
}
