package dev.ragworkbench.experiment.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A history of many runs, seeded through the batch path ({@link RunStore#record}), and kept in memory too so a
 * test can compute in plain Java what a search should find. Each run has 10 params and 6 metrics; one run in ten
 * lacks {@code latency_ms} (a metric some runs do not have) and one in five has no {@code owner} tag.
 */
public final class HistoryFixture {

    /** One seeded run as the test knows it. */
    public record Seeded(String id, String name, RunStatus status, Instant startedAt, long durationMs,
                         Map<String, String> params, Map<String, Double> metrics, Map<String, String> tags) {
    }

    public static final List<String> METRICS = List.of("ndcg@10", "recall@100", "mrr@10", "map@100", "precision@5",
            "latency_ms");
    private static final String[] KINDS = {"fixed", "sentence", "semantic", "recursive"};
    private static final String[] RETRIEVERS = {"bm25", "dense_vectors", "hybrid"};
    private static final int[] SIZES = {64, 128, 256, 512, 1024};
    private static final String[] OWNERS = {"ana", "bo", "cy"};
    static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private HistoryFixture() {
    }

    /** Seeds {@code n} runs into {@code store}, 1,000 per transaction. */
    public static List<Seeded> seed(RunStore store, int n, long seed) {
        var random = new Random(seed);
        var model = new ArrayList<Seeded>(n);
        var batch = new ArrayList<EndedRun>();
        var pending = new ArrayList<Seeded>();
        for (int i = 0; i < n; i++) {
            var params = new LinkedHashMap<String, String>();
            params.put("chunking.kind", KINDS[random.nextInt(KINDS.length)]);
            params.put("chunking.size", Integer.toString(SIZES[random.nextInt(SIZES.length)]));
            params.put("chunking.overlap", Integer.toString(random.nextInt(5) * 16));
            params.put("retrieval.kind", RETRIEVERS[random.nextInt(RETRIEVERS.length)]);
            params.put("retrieval.k1", String.format(java.util.Locale.ROOT, "%.1f", 0.5 + random.nextInt(11) / 10.0));
            params.put("retrieval.b", String.format(java.util.Locale.ROOT, "%.2f", random.nextInt(5) * 0.25));
            params.put("retrieval.top", Integer.toString(10 * (1 + random.nextInt(10))));
            params.put("embedder", random.nextBoolean() ? "all-minilm-l6-v2" : "bge-small-en-v1.5-q");
            params.put("index.name", "scifact-" + random.nextInt(40));
            params.put("evalSet.queries", Integer.toString(100 + random.nextInt(900)));
            var metrics = new LinkedHashMap<String, Double>();
            for (String m : METRICS) {
                if (!(m.equals("latency_ms") && i % 10 == 3)) {
                    metrics.put(m, m.equals("latency_ms") ? 5 + random.nextDouble() * 95 : random.nextDouble());
                }
            }
            var tags = new LinkedHashMap<String, String>();
            if (i % 5 != 1) {
                tags.put("owner", OWNERS[random.nextInt(OWNERS.length)]);
            }
            RunStatus status = i % 13 == 0 ? RunStatus.FAILED : RunStatus.FINISHED;
            Instant start = EPOCH.plusSeconds(60L * i).plusMillis(random.nextInt(50_000));
            long duration = 1_000 + random.nextInt(600_000);
            String name = "grid-" + (i / 100) + "-point-" + (i % 100);
            pending.add(new Seeded(null, name, status, start, duration, params, metrics, tags));
            batch.add(new EndedRun(null, null, name, status, status == RunStatus.FAILED ? "oom" : null, start,
                    start.plusMillis(duration), RunBatch.builder().params(params).metrics(metrics).tags(tags).build()));
            if (batch.size() == 1_000 || i == n - 1) {
                List<String> ids = store.record(batch);
                for (int k = 0; k < ids.size(); k++) {
                    Seeded s = pending.get(k);
                    model.add(new Seeded(ids.get(k), s.name(), s.status(), s.startedAt(), s.durationMs(), s.params(),
                            s.metrics(), s.tags()));
                }
                batch.clear();
                pending.clear();
            }
        }
        return model;
    }
}
