package dev.ragworkbench.chunking;

import dev.ragworkbench.evaluation.AnswerSpan;

import java.util.ArrayList;
import java.util.List;

/**
 * Numbers about one chunking of one document: sizes, how many chunks exceed the embedder's limit, a histogram,
 * and how many answer spans no single chunk holds whole.
 */
public record ChunkStats(int count, double mean, int min, int max, int overLimit, int limit, List<Bin> histogram,
                         int evidence, int evidenceSplit) {

    /** A histogram bar: chunks with {@code from <= tokens < to}. */
    public record Bin(int from, int to, int count, boolean overLimit) {
        public String label() {
            return from + "–" + (to - 1);
        }
    }

    public static final ChunkStats EMPTY = new ChunkStats(0, Double.NaN, 0, 0, 0, 0, List.of(), 0, 0);

    public static ChunkStats of(List<Chunk> chunks, int limit, List<AnswerSpan> evidence) {
        if (chunks.isEmpty()) {
            return new ChunkStats(0, Double.NaN, 0, 0, 0, limit, List.of(), evidence.size(), evidence.size());
        }
        var sizes = chunks.stream().mapToInt(Chunk::tokenCount).summaryStatistics();
        int over = (int) chunks.stream().filter(c -> c.tokenCount() > limit).count();
        int split = (int) evidence.stream().filter(e -> isSplit(e, chunks)).count();
        return new ChunkStats(chunks.size(), sizes.getAverage(), sizes.getMin(), sizes.getMax(), over, limit,
                histogram(chunks, limit), evidence.size(), split);
    }

    /** Whether no chunk holds all of {@code span}: a boundary cuts it (or it falls between chunks). */
    public static boolean isSplit(AnswerSpan span, List<Chunk> chunks) {
        return chunks.stream().noneMatch(c -> c.start() <= span.start() && c.end() >= span.end());
    }

    /** About eight bars of a round width, covering the largest chunk and the limit. */
    static List<Bin> histogram(List<Chunk> chunks, int limit) {
        int top = Math.max(chunks.stream().mapToInt(Chunk::tokenCount).max().orElse(0) + 1, Math.min(limit, 1 << 20));
        int width = niceWidth(Math.max(1, (int) Math.ceil(top / 8.0)));
        int bins = (int) Math.ceil(top / (double) width);
        int[] counts = new int[bins];
        for (Chunk c : chunks) {
            counts[Math.min(bins - 1, c.tokenCount() / width)]++;
        }
        var result = new ArrayList<Bin>(bins);
        for (int i = 0; i < bins; i++) {
            result.add(new Bin(i * width, (i + 1) * width, counts[i], (i + 1) * width - 1 > limit));
        }
        return result;
    }

    private static int niceWidth(int raw) {
        int[] steps = {1, 2, 5};
        for (int scale = 1; ; scale *= 10) {
            for (int s : steps) {
                if (s * scale >= raw) {
                    return s * scale;
                }
            }
        }
    }
}
