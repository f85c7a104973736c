package dev.ragworkbench.workspace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The JDBC steps the workspace's stores share: binding a statement's parameters and reading its rows. */
public final class Sql {

    private Sql() {
    }

    /** Sets a prepared statement's parameters. */
    public interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Makes one value of the current row. */
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Runs the query {@code sql} on {@code c} with {@code binder}'s parameters: one value per row. */
    public static <T> List<T> rows(Connection c, String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            var rows = new ArrayList<T>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        }
    }

    /** The statement's first line, which names it in an error message. */
    public static String firstLine(String sql) {
        return sql.lines().findFirst().orElse(sql).strip();
    }
}
