package dev.ragworkbench.experiment.store;

import dev.ragworkbench.workspace.Jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;

/** The input checks and the one "this run exists" write the parts of the run store share. */
final class StoreChecks {

    private StoreChecks() {
    }

    static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }

    static void checkEntries(Map<String, String> entries, String what) {
        entries.forEach((key, value) -> {
            requireText(key, what + " key");
            Objects.requireNonNull(value, () -> what + " " + key + " has no value");
        });
    }

    static void checkMetrics(Map<String, Double> values) {
        values.forEach((key, value) -> {
            Objects.requireNonNull(key, "metric or query id");
            checkFinite(key, value);
        });
    }

    static void checkFinite(String what, Double value) {
        if (value == null || !Double.isFinite(value)) {
            throw new IllegalArgumentException("value of " + what + " must be a finite number but was " + value);
        }
    }

    /** Escapes LIKE's wildcards so a user's text matches literally ({@code ESCAPE '\'}). */
    static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Stamps the run's last write, and makes an unknown id an error instead of a foreign-key failure. */
    static void touch(Connection c, String runId) throws SQLException {
        try (var ps = c.prepareStatement("UPDATE run SET updated_at = ? WHERE id = ?")) {
            ps.setObject(1, Jdbc.timestamp(Jdbc.now()));
            ps.setString(2, runId);
            if (ps.executeUpdate() == 0) {
                throw new NoSuchRunException(runId);
            }
        }
    }
}
