package dev.ragworkbench.experiment.store;

import dev.ragworkbench.experiment.store.RunFilter.Condition;
import dev.ragworkbench.workspace.Jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The history's search, all in SQL: a {@link RunFilter} becomes a WHERE clause of {@code IN} look-ups on the
 * (key, value) indexes of params, metrics and tags; each sort key on a param or metric one LEFT JOIN; paging is
 * {@code LIMIT}/{@code OFFSET}. The page and its total come from one read transaction.
 */
final class RunHistory {

    /** A param's value as a number where it is one (so {@code chunking.size} sorts 64 < 256 < 1024), else null. */
    private static final String NUMBER = "CASE WHEN REGEXP_LIKE(%1$s, '^[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?$')"
            + " THEN CAST(%1$s AS DOUBLE PRECISION) END";

    /** The order every page ends with anyway ({@code r.started_at DESC, r.id DESC}) as a sort key. */
    private static final List<RunSort> NEWEST_FIRST = List.of(RunSort.desc("startedAt"));

    private final Jdbc jdbc;

    RunHistory(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    RunPage search(HistoryQuery query) {
        var where = new Sql();
        where.append(" WHERE ");
        condition(query.filter(), where);

        var page = new Sql();
        // With a filter or a sort, the total comes with the page: a window over the matching runs, which the sort
        // reads anyway. Unfiltered in the default order, the page is read off the start-time index and a plain
        // COUNT is cheaper; so is it when the page is past the end. The window's history asks for that default as
        // an And of its empty searches, newest first: the same query (started_at is never null), which the window
        // made sort all 10,000 runs of a large history for its first page (about 60 ms instead of a few).
        List<RunSort> sort = query.sort().equals(NEWEST_FIRST) ? List.of() : query.sort();
        boolean window = !(sort.isEmpty() && matchesAll(query.filter()));
        page.append("SELECT ").append(RunReader.RUN_COLUMNS).append(window ? ", COUNT(*) OVER ()" : "")
                .append(RunReader.FROM);
        var order = new StringBuilder(" ORDER BY ");
        int n = 0;
        for (RunSort key : sort) {
            String dir = key.descending() ? " DESC NULLS LAST, " : " ASC NULLS LAST, ";
            RunField f = key.field();
            switch (f.kind()) {
                case ATTRIBUTE -> order.append(f.attribute().column).append(dir);
                case METRIC -> {
                    String alias = "s" + n++;
                    page.append(" LEFT JOIN run_metric ").append(alias).append(" ON ").append(alias)
                            .append(".run_id = r.id AND ").append(alias).append(".metric = ?").arg(f.key());
                    order.append(alias).append(".\"VALUE\"").append(dir);
                }
                case PARAM, TAG -> {
                    String alias = "s" + n++;
                    page.append(" LEFT JOIN ").append(f.kind() == RunField.Kind.PARAM ? "run_param " : "run_tag ")
                            .append(alias).append(" ON ").append(alias).append(".run_id = r.id AND ").append(alias)
                            .append(".\"KEY\" = ?").arg(f.key());
                    if (f.kind() == RunField.Kind.PARAM) {
                        order.append(NUMBER.formatted(alias + ".\"VALUE\"")).append(dir);
                    }
                    order.append(alias).append(".\"VALUE\"").append(dir);
                }
            }
        }
        order.append("r.started_at DESC, r.id DESC");
        page.append(where).append(order.toString());
        if (query.limit() > 0) {
            page.append(" LIMIT ?").arg(query.limit());
        }
        if (query.offset() > 0) {
            page.append(" OFFSET ?").arg(query.offset());
        }
        String count = "SELECT COUNT(*)" + RunReader.FROM + where.text;
        int totalColumn = RunReader.RUN_COLUMNS.split(",").length + 1;
        return jdbc.inReadTransaction("searching runs", c -> {
            long[] total = {-1};
            List<Run> runs = RunReader.load(c, page.text.toString(), page::bind, rs -> {
                if (window) {
                    total[0] = rs.getLong(totalColumn);
                }
            });
            if (total[0] < 0) {
                try (var ps = c.prepareStatement(count)) {
                    where.bind(ps);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        total[0] = rs.getLong(1);
                    }
                }
            }
            return new RunPage(runs, total[0], query.offset());
        });
    }

    /** Whether {@code filter} is an And of nothing but such Ands: every run matches it. */
    private static boolean matchesAll(RunFilter filter) {
        return filter instanceof RunFilter.And and && and.parts().stream().allMatch(RunHistory::matchesAll);
    }

    /** The param keys, metric names and tag keys runs have: the columns the history can show. */
    HistoryColumns columns() {
        return jdbc.inReadTransaction("listing history columns", c -> new HistoryColumns(
                dev.ragworkbench.workspace.Sql.rows(c, "SELECT DISTINCT \"KEY\" FROM run_param ORDER BY 1", ps -> { }, rs -> rs.getString(1)),
                dev.ragworkbench.workspace.Sql.rows(c, "SELECT DISTINCT metric FROM run_metric ORDER BY 1", ps -> { }, rs -> rs.getString(1)),
                dev.ragworkbench.workspace.Sql.rows(c, "SELECT DISTINCT \"KEY\" FROM run_tag ORDER BY 1", ps -> { }, rs -> rs.getString(1))));
    }

    private static void condition(RunFilter filter, Sql sql) {
        switch (filter) {
            case RunFilter.And and -> junction(and.parts(), " AND ", "TRUE", sql);
            case RunFilter.Or or -> junction(or.parts(), " OR ", "FALSE", sql);
            case RunFilter.Not not -> {
                sql.append("NOT ");
                condition(not.part(), sql);
            }
            case Condition c -> comparison(c, sql);
            case RunFilter.Text t -> text(t, sql);
        }
    }

    private static void junction(List<RunFilter> parts, String word, String empty, Sql sql) {
        if (parts.isEmpty()) {
            sql.append(empty);
            return;
        }
        sql.append("(");
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                sql.append(word);
            }
            condition(parts.get(i), sql);
        }
        sql.append(")");
    }

    private static void comparison(Condition c, Sql sql) {
        RunField f = c.field();
        String op = switch (c.op()) {
            case EQ -> " = ";
            case NE -> " <> ";
            case LT -> " < ";
            case LE -> " <= ";
            case GT -> " > ";
            case GE -> " >= ";
            case LIKE -> " LIKE ";
            case ILIKE -> " ILIKE ";
        };
        Object value = c.value() instanceof Instant t ? Jdbc.timestamp(t)
                : c.value() instanceof Number number ? number.doubleValue() : c.value();
        if (f.kind() == RunField.Kind.ATTRIBUTE) {
            // COALESCE: a run with no value (null) fails the comparison, and NOT of it then holds.
            sql.append("COALESCE(").append(f.attribute().column).append(op).append("?, FALSE)").arg(value);
            return;
        }
        String table = switch (f.kind()) {
            case PARAM -> "run_param";
            case METRIC -> "run_metric";
            default -> "run_tag";
        };
        String keyColumn = f.kind() == RunField.Kind.METRIC ? "x.metric" : "x.\"KEY\"";
        String valueColumn = f.kind() == RunField.Kind.PARAM && c.value() instanceof Number
                ? NUMBER.formatted("x.\"VALUE\"") : "x.\"VALUE\"";
        // Not correlated: the (key, value) index finds the matching runs once, instead of one look-up per run.
        sql.append("r.id IN (SELECT x.run_id FROM ").append(table).append(" x WHERE ").append(keyColumn)
                .append(" = ?").arg(f.key()).append(" AND ").append(valueColumn).append(op).append("?)").arg(value);
    }

    private static void text(RunFilter.Text t, Sql sql) {
        String pattern = "%" + StoreChecks.likeEscape(t.text().toLowerCase(java.util.Locale.ROOT)) + "%";
        sql.append("(LOWER(r.id) LIKE ? ESCAPE '\\'").arg(pattern)
                .append(" OR LOWER(r.name) LIKE ? ESCAPE '\\'").arg(pattern)
                .append(" OR LOWER(e.name) LIKE ? ESCAPE '\\'").arg(pattern);
        for (String table : new String[]{"run_param", "run_tag"}) {
            sql.append(" OR r.id IN (SELECT x.run_id FROM ").append(table)
                    .append(" x WHERE LOWER(x.\"KEY\") LIKE ? ESCAPE '\\'").arg(pattern)
                    .append(" OR LOWER(x.\"VALUE\") LIKE ? ESCAPE '\\')").arg(pattern);
        }
        sql.append(")");
    }

    /** SQL text with its parameters in order. */
    private static final class Sql {
        final StringBuilder text = new StringBuilder();
        final List<Object> args = new ArrayList<>();

        Sql append(Object part) {
            if (part instanceof Sql other) {
                text.append(other.text);
                args.addAll(other.args);
            } else {
                text.append(part);
            }
            return this;
        }

        Sql arg(Object value) {
            args.add(value);
            return this;
        }

        void bind(PreparedStatement ps) throws SQLException {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
        }
    }
}
