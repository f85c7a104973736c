package dev.ragworkbench.experiment.store;

import dev.ragworkbench.experiment.store.HistoryFixture.Seeded;
import dev.ragworkbench.experiment.store.RunFilter.Condition;
import dev.ragworkbench.workspace.Workspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import static dev.ragworkbench.experiment.store.RunFilter.and;
import static dev.ragworkbench.experiment.store.RunFilter.not;
import static dev.ragworkbench.experiment.store.RunFilter.or;
import static dev.ragworkbench.experiment.store.RunFilter.where;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The history's search on 10,000 runs in a real H2 workspace, checked against the same filter and order computed
 * in plain Java over what was seeded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunHistoryTest {

    static final int RUNS = 10_000;
    static final Pattern NUMBER = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

    Workspace workspace;
    RunStore store;
    List<Seeded> seeded;

    @BeforeAll
    void seed(@TempDir Path dir) {
        workspace = Workspace.open(dir.resolve("ws"));
        store = new RunStore(workspace);
        long t0 = System.nanoTime();
        seeded = HistoryFixture.seed(store, RUNS, 42);
        System.out.printf("seeded %,d runs in %d ms%n", RUNS, (System.nanoTime() - t0) / 1_000_000);
    }

    @AfterAll
    void close() {
        workspace.close();
    }

    @Test
    void metricAndParamFiltersSortedByAMetric() {
        check(HistoryQuery.all()
                .where(and(where("metrics.ndcg@10", ">", 0.5), where("params.chunking.kind", "=", "semantic")))
                .orderBy(RunSort.desc("metrics.ndcg@10")).page(0, 50));
    }

    @Test
    void orAndNotWithNumericParamsSortedByParamThenMetric() {
        check(HistoryQuery.all()
                .where(and(or(where("params.chunking.size", ">=", 256), where("tags.owner", "=", "ana")),
                        not(where("status", "=", "failed"))))
                .orderBy(RunSort.asc("params.chunking.size"), RunSort.desc("metrics.recall@100")).page(100, 25));
    }

    @Test
    void aMissingMetricFailsItsComparisonAndSortsLast() {
        var lacking = HistoryQuery.all().where(not(where("metrics.latency_ms", "<", 50)))
                .orderBy(RunSort.asc("metrics.latency_ms"));
        RunPage all = check(lacking.page(0, 0));
        assertThat(all.runs().getLast().metrics()).doesNotContainKey("latency_ms");
        assertThat(all.runs().getFirst().metrics().get("latency_ms")).isGreaterThanOrEqualTo(50);
        RunPage desc = check(HistoryQuery.all().orderBy(RunSort.desc("metrics.latency_ms")).page(RUNS - 5, 5));
        assertThat(desc.runs()).allSatisfy(r -> assertThat(r.metrics()).doesNotContainKey("latency_ms"));
        check(HistoryQuery.all().where(where("tags.owner", "!=", "bo")).orderBy(RunSort.asc("tags.owner")).page(7000, 40));
    }

    @Test
    void attributesLikeAndTimesSortedByDuration() {
        Instant from = HistoryFixture.EPOCH.plusSeconds(60L * 1_500); // runs 1500 on: grid-15 to grid-19
        RunPage named = check(HistoryQuery.all()
                .where(and(where("name", "LIKE", "grid-1%-point-_"), where("startedAt", ">=", from.toString())))
                .orderBy(RunSort.desc("durationMs")).page(0, 30));
        assertThat(named.total()).isBetween(40L, 60L);
        check(HistoryQuery.all().where(or(where("params.retrieval.k1", "<", 0.8),
                        where("params.embedder", "ILIKE", "BGE%"))).orderBy(RunSort.asc("params.retrieval.k1"))
                .page(3000, 60));
    }

    @Test
    void pagesCoverEveryRunOnceAndTheDefaultOrderIsNewestFirst() {
        RunPage first = check(HistoryQuery.all().page(0, 100));
        assertThat(first.total()).isEqualTo(RUNS);
        assertThat(first.hasMore()).isTrue();
        RunPage last = check(HistoryQuery.all().page(RUNS - 30, 100));
        assertThat(last.runs()).hasSize(30);
        assertThat(last.hasMore()).isFalse();
        assertThat(store.search(HistoryQuery.all().page(RUNS + 10, 10)).runs()).isEmpty();
        // the window's history asks for the default as an And of its empty searches, newest first (read as the
        // default, off the start-time index): the same pages and total
        assertThat(check(HistoryQuery.all().where(and(and(), and())).orderBy(RunSort.desc("startedAt")).page(0, 100))
                .runs()).isEqualTo(first.runs());
        check(HistoryQuery.all().where(and(and(), and(and()))).orderBy(RunSort.desc("startedAt")).page(5000, 100));
        // past the end of a filtered page, the total still counts what matches
        RunPage pastTheEnd = check(HistoryQuery.all().where(where("metrics.ndcg@10", ">", 0.5))
                .orderBy(RunSort.desc("metrics.ndcg@10")).page(RUNS, 10));
        assertThat(pastTheEnd.runs()).isEmpty();
        assertThat(pastTheEnd.total()).isPositive();
        assertThat(store.search(HistoryQuery.all().where(where("metrics.ndcg@10", ">", 2.0))).total()).isZero();
        assertThat(store.historyColumns().metrics()).containsExactlyInAnyOrderElementsOf(HistoryFixture.METRICS);
        assertThat(store.historyColumns().params()).hasSize(10).contains("chunking.size");
        assertThat(store.historyColumns().tags()).containsExactly("owner");
    }

    @Test
    void badFiltersAreRefusedInOneSentence() {
        assertThatThrownBy(() -> where("metrics.ndcg@10", ">", "high")).hasMessageContaining("compare it with a number");
        assertThatThrownBy(() -> where("colour", "=", "red")).hasMessageContaining("unknown run attribute 'colour'");
        assertThatThrownBy(() -> where("name", "~", "x")).hasMessageContaining("unknown comparison '~'");
        assertThatThrownBy(() -> where("metrics.ndcg@10", "LIKE", "0.5%")).hasMessageContaining("is not text");
    }

    /** Runs the query in SQL and in Java and asserts the same page and total; prints the SQL time. */
    private RunPage check(HistoryQuery query) {
        long t0 = System.nanoTime();
        RunPage page = store.search(query);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        List<Seeded> expected = seeded.stream().filter(s -> matches(query.filter(), s)).sorted(order(query.sort())).toList();
        System.out.printf("%5d ms  %,6d of %,d runs  %s ORDER BY %s%n", millis, page.total(), RUNS, query.filter(), query.sort());
        assertThat(page.total()).as("total of %s", query.filter()).isEqualTo(expected.size());
        int to = query.limit() == 0 ? expected.size() : Math.min(expected.size(), query.offset() + query.limit());
        assertThat(page.runs()).extracting(Run::id)
                .containsExactlyElementsOf(expected.subList(Math.min(query.offset(), to), to).stream().map(Seeded::id).toList());
        for (Run run : page.runs().subList(0, Math.min(3, page.runs().size()))) {
            Seeded s = seeded.stream().filter(x -> x.id().equals(run.id())).findFirst().orElseThrow();
            assertThat(run.params()).containsExactlyInAnyOrderEntriesOf(s.params());
            assertThat(run.metrics()).containsExactlyInAnyOrderEntriesOf(s.metrics());
        }
        assertThat(millis).as("a page of the history on a shared 2-core box").isLessThan(10_000);
        return page;
    }

    // ---------------------------------------------------------------------- the same search in plain Java

    static boolean matches(RunFilter filter, Seeded s) {
        return switch (filter) {
            case RunFilter.And and -> and.parts().stream().allMatch(p -> matches(p, s));
            case RunFilter.Or or -> or.parts().stream().anyMatch(p -> matches(p, s));
            case RunFilter.Not not -> !matches(not.part(), s);
            case Condition c -> holds(c, s);
            case RunFilter.Text t -> containsText(t.text(), s);
        };
    }

    /** The free-text filter: id, name, or a param or tag key or value contains the text, ignoring case. */
    static boolean containsText(String text, Seeded s) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        java.util.function.Predicate<String> has = v -> v != null && v.toLowerCase(java.util.Locale.ROOT).contains(t);
        return has.test(s.id()) || has.test(s.name())
               || s.params().entrySet().stream().anyMatch(e -> has.test(e.getKey()) || has.test(e.getValue()))
               || s.tags().entrySet().stream().anyMatch(e -> has.test(e.getKey()) || has.test(e.getValue()));
    }

    private static boolean holds(Condition c, Seeded s) {
        Object actual = value(c.field(), s);
        if (actual == null) {
            return false;
        }
        if (c.op().isPattern()) {
            String regex = "\\Q" + ((String) c.value()).replace("%", "\\E.*\\Q").replace("_", "\\E.\\Q") + "\\E";
            int flags = c.op() == RunFilter.Op.ILIKE ? Pattern.CASE_INSENSITIVE : 0;
            return Pattern.compile(regex, flags | Pattern.DOTALL).matcher((String) actual).matches();
        }
        int cmp;
        if (c.value() instanceof Number n) {
            if (actual instanceof String text) {
                if (!NUMBER.matcher(text).matches()) {
                    return false;
                }
                actual = Double.parseDouble(text);
            }
            cmp = Double.compare(((Number) actual).doubleValue(), n.doubleValue());
        } else if (c.value() instanceof Instant t) {
            cmp = ((Instant) actual).compareTo(t);
        } else {
            cmp = ((String) actual).compareTo((String) c.value());
        }
        return switch (c.op()) {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case GT -> cmp > 0;
            case GE -> cmp >= 0;
            default -> throw new IllegalStateException();
        };
    }

    private static Object value(RunField f, Seeded s) {
        return switch (f.kind()) {
            case PARAM -> s.params().get(f.key());
            case METRIC -> s.metrics().get(f.key());
            case TAG -> s.tags().get(f.key());
            case ATTRIBUTE -> switch (f.attribute()) {
                case ID -> s.id();
                case NAME -> s.name();
                case STATUS -> s.status().id();
                case STARTED_AT -> s.startedAt();
                case DURATION_MS -> s.durationMs();
                default -> throw new UnsupportedOperationException(f.toString());
            };
        };
    }

    static Comparator<Seeded> order(List<RunSort> sort) {
        Comparator<Seeded> order = (a, b) -> 0;
        for (RunSort key : sort) {
            order = order.thenComparing(key(key));
        }
        return order.thenComparing(Seeded::startedAt, Comparator.reverseOrder())
                .thenComparing(Seeded::id, Comparator.reverseOrder());
    }

    /** Nulls last in either direction; a param's numbers before its other values. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Seeded> key(RunSort key) {
        return (a, b) -> {
            Object x = value(key.field(), a);
            Object y = value(key.field(), b);
            if (key.field().kind() == RunField.Kind.PARAM) {
                Double nx = x != null && NUMBER.matcher((String) x).matches() ? Double.parseDouble((String) x) : null;
                Double ny = y != null && NUMBER.matcher((String) y).matches() ? Double.parseDouble((String) y) : null;
                int byNumber = nullsLast(nx, ny, key.descending());
                return byNumber != 0 ? byNumber : nullsLast((Comparable) x, (Comparable) y, key.descending());
            }
            return nullsLast((Comparable) x, (Comparable) y, key.descending());
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int nullsLast(Comparable x, Comparable y, boolean descending) {
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : 1) : -1;
        }
        int cmp = x.compareTo(y);
        return descending ? -cmp : cmp;
    }
}
