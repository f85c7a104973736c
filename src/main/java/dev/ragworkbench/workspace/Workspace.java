package dev.ragworkbench.workspace;

import org.flywaydb.core.Flyway;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * A folder holding everything of one user's work: {@code workbench.mv.db} (H2), {@code indexes/} and
 * {@code artifacts/}. Opening one creates what is missing and migrates the database to the current schema.
 */
public final class Workspace implements AutoCloseable {

    public static final String DATABASE_NAME = "workbench";

    private final Path root;
    private final JdbcDataSource dataSource;
    /** Keeps the database open between calls; replaced when the process serving it to this one left. */
    private volatile Connection keepAlive;

    private Workspace(Path root, JdbcDataSource dataSource, Connection keepAlive) {
        this.root = root;
        this.dataSource = dataSource;
        this.keepAlive = keepAlive;
    }

    /** Opens (creating if needed) the workspace at {@code root}. */
    public static Workspace open(Path root) {
        Path dir = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir.resolve("indexes"));
            Files.createDirectories(dir.resolve("artifacts"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create workspace folder " + dir + ": " + e.getMessage(), e);
        }
        // A new workspace's tables without Flyway's start-up (a third of a second): see FreshDatabase.
        FreshDatabase.createIfAbsent(dir, ";WRITE_DELAY=0;MAX_COMPACT_TIME=0");
        var ds = new JdbcDataSource();
        // AUTO_SERVER lets a second process (the GUI beside a CLI run) open the same file safely. WRITE_DELAY=0
        // makes a commit durable when it returns: H2 otherwise writes it a moment later, and a killed process
        // lost commits it had already reported (seen in the run store's kill tests).
        // MAX_COMPACT_TIME=0: H2 otherwise spends up to its default 200 ms (measured: 280-350 ms after a SciFact
        // import) compacting the file when the last connection closes, a third of a second added to every command;
        // its background writer still rewrites sparse chunks while the database is open (decision 0016).
        ds.setURL("jdbc:h2:file:" + dir.resolve(DATABASE_NAME) + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;MAX_COMPACT_TIME=0");
        ds.setUser("sa");
        ds.setPassword("");
        try {
            long deadline = System.nanoTime() + OPEN_PATIENCE_MS * 1_000_000;
            while (true) {
                // One open connection keeps the database open between calls instead of reopening the file.
                Connection keepAlive = firstConnection(ds, dir);
                try {
                    if (SCHEMA_VERSION == null || !Migrations.same(SCHEMA_VERSION, schemaVersion(keepAlive))) {
                        migrate(dir, ds);
                    }
                    return new Workspace(dir, ds, keepAlive);
                } catch (RuntimeException | IOException | SQLException e) {
                    try {
                        keepAlive.close();
                    } catch (SQLException ignored) {
                        // it may be the connection that broke
                    }
                    // The process serving us the database (AUTO_SERVER) exited mid-open: open it again, now
                    // ourselves or through the next server. Seen with a runs list poller beside a starting run.
                    if (serverLeft(e) && System.nanoTime() < deadline) {
                        sleepQuietly(50);
                        continue;
                    }
                    if (e instanceof SQLException sql) {
                        throw sql;
                    }
                    throw e instanceof IOException io ? new UncheckedIOException(
                            "cannot migrate the workspace database in " + dir + ": " + io.getMessage(), io)
                            : (RuntimeException) e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the workspace database in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** How long to keep trying while another process is opening, serving or closing the same database. */
    static final long OPEN_PATIENCE_MS = 15_000;

    /**
     * The first connection, retried while another process holds the database in a passing state. Two processes
     * opening one new workspace at once raced on H2's lock file (1 of 6 pairs of plain commands failed): the
     * second saw a lock file the first had just written but not yet filled with its server's address ("Lock file
     * recently modified", "Locked by another process"), or the server of a process that was exiting ("Connection
     * refused"). Each of those passes within a moment; a real error (a corrupt file, no permission) does not
     * match and fails at once.
     */
    private static Connection firstConnection(JdbcDataSource ds, Path dir) throws SQLException {
        long deadline = System.nanoTime() + OPEN_PATIENCE_MS * 1_000_000;
        Path lockFile = LockFileWait.lockFile(dir.resolve(DATABASE_NAME));
        long pause = 20;
        while (true) {
            try {
                // never call H2 while the lock file is being taken: that call would rewrite it (LockFileWait)
                LockFileWait.await(lockFile, deadline);
                return ds.getConnection();
            } catch (SQLException e) {
                if (!passing(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    // jittered, so two processes that collided do not collide again in step
                    Thread.sleep(pause + java.util.concurrent.ThreadLocalRandom.current().nextLong(pause));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(pause * 2, 500);
            }
        }
    }

    /** Whether {@code e} (or a cause) says the database went away under an open connection, or is passing. */
    static boolean serverLeft(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (passing(sql)
                    || sql.getErrorCode() == ErrorCode.DATABASE_IS_CLOSED
                    || sql.getErrorCode() == ErrorCode.DATABASE_CALLED_AT_SHUTDOWN)) {
                return true;
            }
        }
        return false;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** H2's errors for a database another process is opening, serving or leaving at this moment. */
    static boolean passing(SQLException e) {
        return switch (e.getErrorCode()) {
            case ErrorCode.ERROR_OPENING_DATABASE_1, // "Lock file recently modified"
                 ErrorCode.DATABASE_ALREADY_OPEN_1, // locked by a process that has not started its server yet
                 ErrorCode.CONNECTION_BROKEN_1 -> true; // the serving process exited; the next one takes over
            default -> false;
        };
    }

    /**
     * Runs Flyway holding a file lock in the workspace folder, so two processes that open one new workspace at
     * once do not both create its tables: the second waits, then finds them made.
     */
    private static void migrate(Path dir, JdbcDataSource ds) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(dir.resolve(DATABASE_NAME + ".migrate.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var ignored = channel.lock()) {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        }
    }

    /**
     * The newest migration in {@code db/migration}, read from that folder's listing (null when it cannot be
     * read: then Flyway always runs). A database already at this version skips Flyway, whose start-up
     * (configuration, class path scan, validation) took a third of a second of the window's start on a 2-core
     * machine.
     */
    static final String SCHEMA_VERSION = Migrations.newest().orElse(null);

    /** The version Flyway last applied successfully, or null for a new or foreign database. */
    static String schemaVersion(Connection c) throws SQLException {
        try (var rs = c.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
            if (!rs.next()) {
                return null;
            }
        }
        try (var st = c.createStatement();
             var rs = st.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\""
                                      + " AND \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The user's default workspace folder for this OS. */
    public static Path defaultLocation() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return (appData != null ? Path.of(appData) : home.resolve("AppData/Roaming")).resolve("RAGWorkbench");
        }
        if (os.contains("mac")) {
            return home.resolve("Library/Application Support/RAGWorkbench");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share")).resolve("RAGWorkbench");
    }

    public Path root() {
        return root;
    }

    /** The workspace's name as shown to users: its folder name. */
    public String name() {
        return root.getFileName() == null ? root.toString() : root.getFileName().toString();
    }

    public Path indexesDir() {
        return root.resolve("indexes");
    }

    public Path artifactsDir() {
        return root.resolve("artifacts");
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * A new connection to the workspace database; close it when done. Retried like the first one: when the
     * process that served the database to this one exits (a {@code runs list} poller beside a {@code run}), the
     * next connection takes the file over, and for a moment H2 reports the lock file as recently modified.
     */
    public Connection connection() throws SQLException {
        return firstConnection(dataSource, root);
    }

    /**
     * After a connection broke: when this process's keep-alive connection was served by another process that has
     * gone, opens it again, so that this process holds the database itself (or reaches whoever serves it now)
     * instead of reopening it per connection. Without it a long {@code run} beside a stream of short {@code runs
     * list} pollers stayed a client of one poller after another, and each poller's exit broke its work again.
     */
    public synchronized void reconnectIfServerLeft() {
        Connection old = keepAlive;
        try {
            if (!served(old) || old.isValid(1)) {
                return;
            }
        } catch (SQLException e) {
            // invalid: replace it
        }
        try {
            old.close();
        } catch (SQLException ignored) {
            // it broke; closing is best effort
        }
        try {
            keepAlive = firstConnection(dataSource, root);
        } catch (SQLException e) {
            keepAlive = old; // the caller's retry reports what is wrong; close() closes the old one quietly
        }
    }

    /**
     * Closes the database. With H2's compaction on close turned off (see {@link #open}) the file keeps the space of
     * rows written over; when this process serves the file to no one else and less than
     * {@value #COMPACT_BELOW_FILL_PERCENT} % of it is live, it is compacted in full here ({@code SHUTDOWN COMPACT}:
     * seconds, but once in many commands, where the default cost a third of a second every time).
     */
    @Override
    public void close() {
        try {
            if (worthCompacting(keepAlive)) {
                try (Statement st = keepAlive.createStatement()) {
                    st.execute("SHUTDOWN COMPACT");
                }
            }
        } catch (SQLException | RuntimeException ignored) {
            // compaction is housekeeping: without it the file is only larger
        }
        try {
            keepAlive.close();
        } catch (SQLException ignored) {
            // closing is best effort: the file is consistent after every commit
        }
    }

    /** The connection that keeps the database open, for tests of what closing does. */
    Connection keepAliveForTest() {
        return keepAlive;
    }

    /** Below this share of live data in the file's chunks, closing compacts it. */
    static final int COMPACT_BELOW_FILL_PERCENT = 50;
    /** ... and only a file of at least this size. */
    static final long COMPACT_ABOVE_BYTES = 16L << 20;

    /** Whether {@code c} is a client of a database another process serves (AUTO_SERVER), not this process's own. */
    static boolean served(Connection c) {
        return c instanceof org.h2.jdbc.JdbcConnection h2 && h2.getSession() instanceof org.h2.engine.SessionRemote;
    }

    /** Whether this process holds the database itself, alone, and the file is mostly dead space. */
    static boolean worthCompacting(Connection c) throws SQLException {
        if (c.isClosed() || !(c instanceof org.h2.jdbc.JdbcConnection h2)
            || !(h2.getSession() instanceof org.h2.engine.SessionLocal)) {
            return false; // a client of another process's server: that process decides
        }
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
                if (!rs.next() || rs.getLong(1) != 1) {
                    return false;
                }
            }
            int fill = 100;
            long size = 0;
            try (ResultSet rs = st.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                                                + " WHERE SETTING_NAME IN ('info.CHUNKS_FILL_RATE', 'info.FILE_SIZE')")) {
                while (rs.next()) {
                    if (rs.getString(1).equals("info.FILE_SIZE")) {
                        size = Long.parseLong(rs.getString(2).strip());
                    } else {
                        fill = Integer.parseInt(rs.getString(2).strip());
                    }
                }
            }
            // a small file is not worth it (a new workspace is 5 % live after its migrations, and its first
            // closer is often a short command racing another process's open)
            return size >= COMPACT_ABOVE_BYTES && fill < COMPACT_BELOW_FILL_PERCENT;
        }
    }
}
