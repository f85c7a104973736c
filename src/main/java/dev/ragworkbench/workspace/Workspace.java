package dev.ragworkbench.workspace;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * A folder holding everything of one user's work: {@code workbench.mv.db} (H2), {@code indexes/} and
 * {@code artifacts/}. Opening one creates what is missing and migrates the database to the current schema.
 */
public final class Workspace implements AutoCloseable {

    public static final String DATABASE_NAME = "workbench";

    private final Path root;
    private final JdbcDataSource dataSource;
    private final Connection keepAlive;

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
        var ds = new JdbcDataSource();
        // AUTO_SERVER lets a second process (the GUI beside a CLI run) open the same file safely. WRITE_DELAY=0
        // makes a commit durable when it returns: H2 otherwise writes it a moment later, and a killed process
        // lost commits it had already reported (seen in the run store's kill tests).
        ds.setURL("jdbc:h2:file:" + dir.resolve(DATABASE_NAME) + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
        ds.setUser("sa");
        ds.setPassword("");
        try {
            // One open connection keeps the database open between calls instead of reopening the file each time.
            Connection keepAlive = ds.getConnection();
            try {
                if (SCHEMA_VERSION == null || !Migrations.same(SCHEMA_VERSION, schemaVersion(keepAlive))) {
                    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
                }
            } catch (RuntimeException e) {
                keepAlive.close();
                throw e;
            }
            return new Workspace(dir, ds, keepAlive);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the workspace database in " + dir + ": " + e.getMessage(), e);
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

    /** A new connection to the workspace database; close it when done. */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void close() {
        try {
            keepAlive.close();
        } catch (SQLException ignored) {
            // closing is best effort: the file is consistent after every commit
        }
    }
}
