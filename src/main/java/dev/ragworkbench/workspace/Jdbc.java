package dev.ragworkbench.workspace;

import dev.ragworkbench.workspace.Sql.Binder;
import dev.ragworkbench.workspace.Sql.RowMapper;
import org.h2.api.ErrorCode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Connections, transactions and the one retry every store of the workspace database shares.
 *
 * <p>A process that is an H2 {@code AUTO_SERVER} client loses its connection when the process serving the file
 * ends (the window closing while a command-line run writes). Work marked {@link Retry#ONCE} then runs once more on
 * a new connection, which finds the file served by no one and opens it itself. Only reads and writes that are
 * harmless to repeat may be marked so.
 */
public final class Jdbc {

    /** Whether a broken connection may be retried. */
    public enum Retry {
        /** Run it again once on a new connection: a read, or a write whose repetition changes nothing. */
        ONCE,
        /** Fail: repeating it could write twice. The caller decides (see a run's start). */
        NEVER
    }

    /** Work on one connection. */
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Workspace workspace;

    public Jdbc(Workspace workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    public Workspace workspace() {
        return workspace;
    }

    /**
     * Runs {@code work} on a new connection (auto-commit on). Failures become an {@link IllegalStateException}
     * naming {@code what}.
     */
    public <T> T withConnection(String what, Retry retry, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            Connection c = null;
            try {
                c = workspace.connection();
                return work.run(c);
            } catch (SQLException e) {
                SQLException reported = servedAndLost(c, e)
                        // said as a broken connection (SQLState 08006), so that callers that decide for themselves
                        // (a run's start) see it as one too
                        ? new java.sql.SQLNonTransientConnectionException(e.getMessage(), "08006", e.getErrorCode(), e)
                        : e;
                if (!(retry == Retry.ONCE && attempt == 1 && brokenConnection(reported))) {
                    throw failure(what, reported);
                }
                closeQuietly(c);
                c = null;
                workspace.reconnectIfServerLeft();
            } finally {
                closeQuietly(c);
            }
        }
    }

    /**
     * Whether {@code e} came from a connection another process serves (AUTO_SERVER) as that process went away,
     * though H2 did not say so: an I/O error, or any error after which the connection is dead. A serving process
     * that exits mid-transaction rolls it back and answers with a general error (CI: {@code Transaction 1 has status
     * ROLLED_BACK, not OPEN [50000]} in a {@code run} whose {@code runs list} poller served it).
     */
    private static boolean servedAndLost(Connection c, SQLException e) {
        if (c == null || brokenConnection(e) || !Workspace.served(c)) {
            return false;
        }
        if (ioError(e)) {
            return true;
        }
        try {
            return !c.isValid(1);
        } catch (SQLException invalid) {
            return true;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // a connection that broke may fail to close; it is gone either way
            }
        }
    }

    /**
     * Whether {@code e} is an H2 I/O error. On a connection another process serves (AUTO_SERVER) it is that
     * process's socket or file going away as it exits: CI saw {@code IO Exception: "" [90028]} in a {@code run}
     * reading documents while the {@code runs list} poller serving it ended. A retry opens the file here, and a file
     * that is really damaged fails again, with its own error.
     */
    static boolean ioError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() == ErrorCode.IO_EXCEPTION_1
                    || sql.getErrorCode() == ErrorCode.IO_EXCEPTION_2)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code work} in one transaction, committed as a whole or not at all, and writes the commit to the file
     * before returning (see {@link #flush}).
     */
    public <T> T inTransaction(String what, Retry retry, Work<T> work) {
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
     * Runs {@code work} in one repeatable-read transaction that it only reads in, so everything it reads comes from
     * the same committed state (a run and its details, a page and its total).
     */
    public <T> T inReadTransaction(String what, Work<T> work) {
        return withConnection(what, Retry.ONCE, c -> {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        });
    }

    /** The rows of a query, read with a retry: one value per row. */
    public <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        return withConnection(Sql.firstLine(sql), Retry.ONCE, c -> Sql.rows(c, sql, binder, mapper));
    }

    /** One update statement, committed and flushed; the number of rows it changed. */
    public int update(String sql, Retry retry, Binder binder) {
        return withConnection(Sql.firstLine(sql), retry, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                int changed = ps.executeUpdate();
                flush(c);
                return changed;
            }
        });
    }

    /** Whether {@code e} (or what it wraps) says the connection to the database broke, not that the work was wrong. */
    public static boolean brokenConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() == ErrorCode.CONNECTION_BROKEN_1
                    || sql.getErrorCode() == ErrorCode.DATABASE_IS_CLOSED
                    || sql.getErrorCode() == ErrorCode.DATABASE_CALLED_AT_SHUTDOWN
                    || sql.getSQLState() != null && sql.getSQLState().startsWith("08")
                    || sql.getErrorCode() == ErrorCode.IO_EXCEPTION_1 && socketEnded(sql))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an H2 I/O error is the serving process's socket closing under a client (seen in CI: {@code IO
     * Exception: "java.io.EOFException" [90028]} while the serving process exited), not a damaged file.
     */
    private static boolean socketEnded(SQLException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.io.EOFException || t instanceof java.net.SocketException) {
                return true;
            }
        }
        String message = e.getMessage();
        return message != null && (message.contains("java.io.EOFException")
                || message.contains("java.net.SocketException"));
    }

    /**
     * Writes committed changes to the file now. H2 keeps commits in memory and writes them in the background,
     * when enough have piled up, so a killed process (or the killed process serving the database) loses commits
     * it already acknowledged. That would lose finished runs; a store's few writes can afford a flush each.
     */
    public static void flush(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
        }
    }

    public static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    public static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("workspace database error " + what + ": " + e.getMessage(), e);
    }

    /** Now at millisecond precision: what the database keeps and what durations are measured in. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** How an instant is bound to a {@code TIMESTAMP WITH TIME ZONE} parameter. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A {@code TIMESTAMP WITH TIME ZONE} column as an instant, or null. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
