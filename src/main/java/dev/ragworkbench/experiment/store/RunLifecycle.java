package dev.ragworkbench.experiment.store;

import dev.ragworkbench.workspace.Jdbc;
import dev.ragworkbench.workspace.Jdbc.Retry;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run's life: started {@code running} by its process, ended once as finished, failed or cancelled, and failed
 * as {@code interrupted} by {@link #reconcile()} when its process on this host is gone without ending it.
 */
final class RunLifecycle {

    /** Prefix of the reason of a run whose process ended without finishing it. */
    static final String INTERRUPTED = "interrupted";

    private static final int ID_ATTEMPTS = 8;
    private static final String DUPLICATE_KEY = "23505";
    private static final String MISSING_PARENT = "23506";

    private final Jdbc jdbc;
    private final RunReader reader;
    private final OwnerLiveness liveness;
    private final String codeVersion;

    RunLifecycle(Jdbc jdbc, RunReader reader, OwnerLiveness liveness, String codeVersion) {
        this.jdbc = jdbc;
        this.reader = reader;
        this.liveness = liveness;
        this.codeVersion = codeVersion;
    }

    /** Where a new run belongs: an experiment and one execution of it, or neither (a lone run). */
    record Parent(Long experimentId, Long executionId) {
        static final Parent NONE = new Parent(null, null);
    }

    /** Records a new run as {@code running}, owned by {@code owner}, and commits it before returning. */
    Run start(Parent parent, String name, Map<String, String> params, Map<String, String> tags, RunOwner owner) {
        StoreChecks.requireText(name, "run name");
        var batch = RunBatch.builder().params(params).tags(tags).build();
        Instant start = Jdbc.now();
        for (int attempt = 1; ; attempt++) {
            String id = RunIds.next(start);
            try {
                try {
                    insert(id, parent, name, batch, owner, start);
                } catch (IllegalStateException e) {
                    if (!Jdbc.brokenConnection(e)) {
                        throw e;
                    }
                    // The process serving the database ended mid-insert. Insert again only if the first one did
                    // not commit, with the same id, so a retry never makes a second run.
                    if (reader.find(id).isEmpty()) {
                        insert(id, parent, name, batch, owner, start);
                    }
                }
                return reader.run(id);
            } catch (DuplicateIdException e) {
                if (attempt == ID_ATTEMPTS) {
                    throw new IllegalStateException("could not find a free run id after " + attempt + " attempts");
                }
            }
        }
    }

    private void insert(String id, Parent parent, String name, RunBatch batch, RunOwner owner, Instant start) {
        jdbc.inTransaction("starting run " + name, Retry.NEVER, c -> {
            insertRow(c, id, parent, name, RunStatus.RUNNING, null, start, null, owner);
            RunBatchWriter.write(c, id, batch);
            return null;
        });
    }

    private static final String INSERT_RUN = """
            INSERT INTO run (id, experiment_id, execution_id, name, status, status_reason, started_at, updated_at,
                             ended_at, duration_ms, code_version, owner_pid, owner_started_at, owner_host)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private void insertRow(Connection c, String id, Parent parent, String name, RunStatus status, String reason,
                           Instant start, Instant end, RunOwner owner) throws SQLException {
        try (var ps = c.prepareStatement(INSERT_RUN)) {
            bindRow(ps, id, parent, name, status, reason, start, end, owner);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw translate(e, parent);
        }
    }

    private void bindRow(java.sql.PreparedStatement ps, String id, Parent parent, String name, RunStatus status,
                         String reason, Instant start, Instant end, RunOwner owner) throws SQLException {
        ps.setString(1, id);
        ps.setObject(2, parent.experimentId(), Types.BIGINT);
        ps.setObject(3, parent.executionId(), Types.BIGINT);
        ps.setString(4, name);
        ps.setString(5, status.id());
        ps.setString(6, reason);
        ps.setObject(7, Jdbc.timestamp(start));
        ps.setObject(8, Jdbc.timestamp(end == null ? start : end));
        ps.setObject(9, Jdbc.timestamp(end));
        ps.setObject(10, end == null ? null : Math.max(0, Duration.between(start, end).toMillis()), Types.BIGINT);
        ps.setString(11, codeVersion);
        ps.setLong(12, owner.pid());
        ps.setObject(13, Jdbc.timestamp(owner.startedAt()));
        ps.setString(14, owner.host());
    }

    /** A taken id, a missing experiment: what the caller can act on; anything else as it is. */
    private static SQLException translate(SQLException e, Parent parent) {
        SQLException cause = e.getNextException() != null && e.getSQLState() == null ? e.getNextException() : e;
        if (DUPLICATE_KEY.equals(cause.getSQLState())) {
            throw new DuplicateIdException();
        }
        if (MISSING_PARENT.equals(cause.getSQLState())) {
            throw new IllegalArgumentException(parent == null ? "a recorded run names an experiment or execution"
                    + " that is not in this workspace" : "no experiment " + parent.experimentId()
                    + (parent.executionId() == null ? "" : " with execution " + parent.executionId())
                    + " in this workspace");
        }
        return e;
    }

    /**
     * Records runs that ended elsewhere (an import, a benchmark's seed), each with its batch, in one transaction.
     * Their ids come from their start instants, so the store's order is theirs.
     *
     * @return the new runs' ids, in the order given
     */
    List<String> record(List<EndedRun> runs, RunOwner owner) {
        var batches = new java.util.LinkedHashMap<String, RunBatch>();
        jdbc.inTransaction("recording " + runs.size() + " runs", Retry.NEVER, c -> {
            try (var ps = c.prepareStatement(INSERT_RUN)) {
                for (EndedRun run : runs) {
                    StoreChecks.requireText(run.name(), "run name");
                    String id;
                    do {
                        id = RunIds.next(run.startedAt());
                    } while (batches.containsKey(id));
                    batches.put(id, run.batch());
                    bindRow(ps, id, new Parent(run.experimentId(), run.executionId()), run.name(), run.status(),
                            run.statusReason(), run.startedAt(), run.endedAt(), owner);
                    ps.addBatch();
                }
                ps.executeBatch();
            } catch (SQLException e) {
                throw translate(e, null);
            } catch (DuplicateIdException e) {
                throw new IllegalStateException("an id drawn for a recorded run is taken already; nothing was"
                        + " recorded, record them again");
            }
            RunBatchWriter.writeMany(c, batches);
            return null;
        });
        return List.copyOf(batches.keySet());
    }

    Run end(String runId, RunStatus status, String reason) {
        try {
            endOnce(runId, status, reason);
        } catch (IllegalStateException e) {
            if (!Jdbc.brokenConnection(e)) {
                throw e;
            }
            // A broken connection may have hidden a commit: done if the run already has that status.
            if (reader.run(runId).status() != status) {
                endOnce(runId, status, reason);
            }
        }
        return reader.run(runId);
    }

    private void endOnce(String runId, RunStatus status, String reason) {
        Instant now = Jdbc.now();
        jdbc.inTransaction("ending run " + runId, Retry.NEVER, c -> {
            Instant started;
            try (var ps = c.prepareStatement("SELECT status, started_at, status_reason FROM run WHERE id = ? FOR UPDATE")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NoSuchRunException(runId);
                    }
                    RunStatus current = RunStatus.fromId(rs.getString(1));
                    if (current != RunStatus.RUNNING) {
                        String why = rs.getString(3);
                        throw new IllegalStateException("run " + runId + " is already " + current
                                + (why == null ? "" : " (" + why + ")") + "; cannot mark it " + status);
                    }
                    started = Jdbc.instant(rs, 2);
                }
            }
            try (var ps = c.prepareStatement("""
                    UPDATE run SET status = ?, status_reason = ?, ended_at = ?, updated_at = ?, duration_ms = ?
                    WHERE id = ?""")) {
                ps.setString(1, status.id());
                ps.setString(2, reason);
                ps.setObject(3, Jdbc.timestamp(now));
                ps.setObject(4, Jdbc.timestamp(now));
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
     * write. Runs of live processes and of other hosts are left alone.
     *
     * @return the ids of the runs it marked failed
     */
    List<String> reconcile() {
        record Candidate(String id, RunOwner owner, Instant startedAt, Instant updatedAt) { }
        List<Candidate> running = jdbc.query("""
                SELECT id, owner_pid, owner_started_at, owner_host, started_at, updated_at
                FROM run WHERE status = 'running'""", ps -> { },
                rs -> new Candidate(rs.getString(1), new RunOwner(rs.getLong(2), Jdbc.instant(rs, 3), rs.getString(4)),
                        Jdbc.instant(rs, 5), Jdbc.instant(rs, 6)));
        var failed = new ArrayList<String>();
        for (Candidate run : running) {
            Optional<String> gone = liveness.goneReason(run.owner());
            if (gone.isEmpty()) {
                continue;
            }
            // "AND status = 'running'": another process may be reconciling the same run right now.
            int changed = jdbc.update("""
                    UPDATE run SET status = 'failed', status_reason = ?, ended_at = updated_at, duration_ms = ?
                    WHERE id = ? AND status = 'running'""", Retry.ONCE, ps -> {
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

    /** Refuses a run still being written by a live process on this host, then deletes its rows. */
    void delete(String runId) {
        Run run = reader.run(runId);
        if (run.status() == RunStatus.RUNNING && liveness.isLocal(run.owner())
                && liveness.goneReason(run.owner()).isEmpty()) {
            throw new IllegalStateException("run " + runId + " is still running in process " + run.owner().pid()
                    + "; stop it before deleting it");
        }
        int deleted = jdbc.update("DELETE FROM run WHERE id = ?", Retry.NEVER, ps -> ps.setString(1, runId));
        if (deleted == 0) {
            throw new NoSuchRunException(runId);
        }
    }

    /** A run id already taken: the caller draws another. */
    private static final class DuplicateIdException extends RuntimeException {
        DuplicateIdException() {
            super(null, null, false, false);
        }
    }
}
