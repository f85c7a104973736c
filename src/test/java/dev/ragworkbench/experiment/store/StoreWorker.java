package dev.ragworkbench.experiment.store;

import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.evaluation.QueryResult;
import dev.ragworkbench.workspace.Workspace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A second process for the multi-process tests, standing in for a CLI experiment run. Modes:
 * <ul>
 *   <li>{@code write <workspace> <marker> <runs>}: writes that many complete runs (slowly, so a reader overlaps
 *       them), writing the marker once the store is open; exits 0.</li>
 *   <li>{@code hang <workspace> <marker>}: finishes one run, starts a second and logs into it, writes both ids to
 *       the marker, then sleeps until killed.</li>
 *   <li>{@code churn <workspace> <marker>}: writes complete runs back to back until killed; the marker appears
 *       after the first one.</li>
 *   <li>{@code serve <workspace> <marker>}: opens the workspace first, so it serves the database to others, and
 *       sleeps until killed (the GUI, standing by, that then crashes).</li>
 * </ul>
 */
public final class StoreWorker {

    static final List<Metric> METRICS = Metric.parseList("ndcg@10, recall@100, mrr@10");
    static final int QUERIES = 300;

    public static void main(String[] args) throws Exception {
        Path workspaceDir = Path.of(args[1]);
        Path marker = Path.of(args[2]);
        try (var workspace = Workspace.open(workspaceDir)) {
            var store = new RunStore(workspace);
            switch (args[0]) {
                case "write" -> {
                    mark(marker, "open");
                    for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                        completeRun(store, "written " + i, i);
                        Thread.sleep(40);
                    }
                }
                case "hang" -> {
                    String done = completeRun(store, "finished before the kill", 1);
                    String inFlight = store.startRun(null, "in flight", Map.of("retrieval.kind", "bm25"), Map.of()).id();
                    store.logMetrics(inFlight, Map.of("ndcg@10", 0.25));
                    store.logQueryMetrics(inFlight, perQuery(2));
                    mark(marker, done + "\n" + inFlight + "\n");
                    Thread.sleep(Long.MAX_VALUE);
                }
                case "churn" -> {
                    for (int i = 0; ; i++) {
                        completeRun(store, "churn " + i, i);
                        if (i == 0) {
                            mark(marker, "first run done");
                        }
                    }
                }
                case "serve" -> {
                    mark(marker, "serving");
                    Thread.sleep(Long.MAX_VALUE);
                }
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
        }
    }

    /** A run as an experiment writes one: start, per-query values, means, an artifact, finish. */
    static String completeRun(RunStore store, String name, int seed) throws Exception {
        String id = store.startRun(null, name, Map.of("retrieval.kind", "bm25", "retrieval.k1", "0.9",
                "seed", Integer.toString(seed)), Map.of("worker", "yes")).id();
        List<QueryResult> perQuery = perQuery(seed);
        store.logQueryMetrics(id, perQuery);
        var means = new LinkedHashMap<String, Double>();
        for (Metric m : METRICS) {
            means.put(m.toString(), perQuery.stream().mapToDouble(q -> q.value(m)).average().orElseThrow());
        }
        store.logMetrics(id, means);
        Path file = Files.createTempFile("run", ".trec");
        Files.writeString(file, "q0 Q0 d1 1 1.0 " + id + "\n");
        store.addArtifact(id, "run.trec", file, "trec-run", ArtifactRepository.Transfer.MOVE);
        store.finish(id);
        return id;
    }

    static List<QueryResult> perQuery(int seed) {
        var random = new Random(seed);
        var results = new ArrayList<QueryResult>();
        for (int q = 0; q < QUERIES; q++) {
            var values = new LinkedHashMap<Metric, Double>();
            METRICS.forEach(m -> values.put(m, random.nextDouble()));
            results.add(new QueryResult("q" + q, values));
        }
        return results;
    }

    /** Written whole or not at all, so the test never reads half a marker. */
    private static void mark(Path marker, String content) throws Exception {
        Path temp = Files.writeString(marker.resolveSibling(marker.getFileName() + ".tmp"), content);
        Files.move(temp, marker, StandardCopyOption.ATOMIC_MOVE);
    }
}
