package dev.ragworkbench.retrieval;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Where one search spent its time: the stages that ran (see {@link SearchStage}) and the whole. Stages run one
 * after another inside the total, so the total is at least their sum. JSON (the {@code latencyMs} object of
 * {@code search --json}): milliseconds by stage id, stages that did not run left out, then {@code total}.
 *
 * @param stageNanos nanoseconds of each stage that ran, in stage order
 * @param totalNanos nanoseconds of the whole search
 */
public record SearchTimings(Map<SearchStage, Long> stageNanos, long totalNanos) {

    public static final SearchTimings NONE = new SearchTimings(Map.of(), 0);

    public SearchTimings {
        var copy = new EnumMap<SearchStage, Long>(SearchStage.class);
        copy.putAll(stageNanos);
        for (long v : copy.values()) {
            if (v < 0) {
                throw new IllegalArgumentException("a stage cannot take negative time: " + copy);
            }
        }
        if (totalNanos < 0) {
            throw new IllegalArgumentException("a search cannot take negative time: " + totalNanos);
        }
        stageNanos = Collections.unmodifiableMap(copy);
    }

    public boolean ran(SearchStage stage) {
        return stageNanos.containsKey(stage);
    }

    /** A stage's nanoseconds, 0 if it did not run. */
    public long nanos(SearchStage stage) {
        return stageNanos.getOrDefault(stage, 0L);
    }

    public double millis(SearchStage stage) {
        return nanos(stage) / 1e6;
    }

    public double totalMillis() {
        return totalNanos / 1e6;
    }

    /** Both searches' stages and totals added, e.g. for the rounds of {@link DocumentRanking#topDocuments}. */
    public SearchTimings plus(SearchTimings other) {
        var sum = new EnumMap<SearchStage, Long>(SearchStage.class);
        sum.putAll(stageNanos);
        other.stageNanos.forEach((stage, nanos) -> sum.merge(stage, nanos, Long::sum));
        return new SearchTimings(sum, totalNanos + other.totalNanos);
    }

    /** {@code {"embed": 3.1, "search": 0.8, "total": 4.0}}: milliseconds, stages that ran, then the total. */
    @JsonValue
    public SequencedMap<String, Double> latencyMs() {
        var ms = new LinkedHashMap<String, Double>();
        stageNanos.forEach((stage, nanos) -> ms.put(stage.id(), nanos / 1e6));
        ms.put("total", totalMillis());
        return ms;
    }

    /** Times the stages of one search as it runs; one per search, on the searching thread. */
    static final class Clock {
        private final long start = System.nanoTime();
        private final EnumMap<SearchStage, Long> stages = new EnumMap<>(SearchStage.class);

        <T> T time(SearchStage stage, java.util.function.Supplier<T> work) {
            long t0 = System.nanoTime();
            try {
                return work.get();
            } finally {
                stages.merge(stage, System.nanoTime() - t0, Long::sum);
            }
        }

        /** Adds the stages of a search made inside this one (a hybrid's two sides), not its total. */
        void add(SearchTimings inner) {
            inner.stageNanos().forEach((stage, nanos) -> stages.merge(stage, nanos, Long::sum));
        }

        SearchTimings stop() {
            return new SearchTimings(stages, System.nanoTime() - start);
        }
    }
}
