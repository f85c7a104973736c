package dev.ragworkbench.bench;

import dev.ragworkbench.experiment.store.HistoryFixture;
import dev.ragworkbench.experiment.store.HistoryQuery;
import dev.ragworkbench.experiment.store.RunSort;
import dev.ragworkbench.experiment.store.RunStore;
import dev.ragworkbench.workspace.Workspace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static dev.ragworkbench.experiment.store.RunFilter.and;
import static dev.ragworkbench.experiment.store.RunFilter.not;
import static dev.ragworkbench.experiment.store.RunFilter.or;
import static dev.ragworkbench.experiment.store.RunFilter.where;

/**
 * The run history's search on a seeded workspace (10 params and 6 metrics per run): the time of one page (and
 * its total) for typical filters and sorts. Prints a table for the README; asserts nothing, since timings belong
 * to the machine they came from. Run from the test class path:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.ragworkbench.bench.HistoryBench}.
 *
 * <p>System properties: {@code bench.runs} (runs seeded, 10000), {@code bench.repeats} (timed repeats, 7),
 * {@code bench.work} (scratch folder, a new temporary one by default).
 */
public final class HistoryBench {

    private HistoryBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 10_000);
        int repeats = Integer.getInteger("bench.repeats", 7);
        Path work = System.getProperty("bench.work") != null ? Path.of(System.getProperty("bench.work"))
                : Files.createTempDirectory("history-bench");
        try (var workspace = Workspace.open(work.resolve("ws"))) {
            var store = new RunStore(workspace);
            long t0 = System.nanoTime();
            HistoryFixture.seed(store, runs, 42);
            System.out.printf(Locale.ROOT, "seeded %,d runs (10 params, 6 metrics each) in %,d ms%n%n", runs,
                    (System.nanoTime() - t0) / 1_000_000);

            var queries = new LinkedHashMap<String, HistoryQuery>();
            queries.put("newest 50", HistoryQuery.all().page(0, 50));
            queries.put("newest 50 from offset 9,000", HistoryQuery.all().page(9_000, 50));
            queries.put("metrics.ndcg@10 > 0.5, by ndcg@10 desc", HistoryQuery.all()
                    .where(where("metrics.ndcg@10", ">", 0.5)).orderBy(RunSort.desc("metrics.ndcg@10")).page(0, 50));
            queries.put("ndcg@10 > 0.5 and chunking.kind = semantic", HistoryQuery.all()
                    .where(and(where("metrics.ndcg@10", ">", 0.5), where("params.chunking.kind", "=", "semantic")))
                    .orderBy(RunSort.desc("metrics.ndcg@10")).page(0, 50));
            queries.put("(size >= 256 or owner = ana) and not failed", HistoryQuery.all()
                    .where(and(or(where("params.chunking.size", ">=", 256), where("tags.owner", "=", "ana")),
                            not(where("status", "=", "failed"))))
                    .orderBy(RunSort.asc("params.chunking.size"), RunSort.desc("metrics.recall@100")).page(0, 50));
            queries.put("name LIKE grid-1%, by durationMs", HistoryQuery.all()
                    .where(where("name", "LIKE", "grid-1%")).orderBy(RunSort.desc("durationMs")).page(0, 50));
            queries.put("by metrics.latency_ms asc (some lack it)", HistoryQuery.all()
                    .orderBy(RunSort.asc("metrics.latency_ms")).page(0, 50));
            queries.put("by params.retrieval.k1 (numeric) asc", HistoryQuery.all()
                    .orderBy(RunSort.asc("params.retrieval.k1")).page(0, 50));

            System.out.println("| query (one page of 50, with its total) | matching | median ms | max ms |");
            System.out.println("|---|---:|---:|---:|");
            for (Map.Entry<String, HistoryQuery> q : queries.entrySet()) {
                store.search(q.getValue()); // warm-up: statements compile, pages load
                long[] times = new long[repeats];
                long total = 0;
                for (int i = 0; i < repeats; i++) {
                    long s = System.nanoTime();
                    total = store.search(q.getValue()).total();
                    times[i] = (System.nanoTime() - s) / 1_000_000;
                }
                Arrays.sort(times);
                System.out.printf(Locale.ROOT, "| %s | %,d | %d | %d |%n", q.getKey(), total, times[repeats / 2],
                        times[repeats - 1]);
            }
        }
    }
}
