package dev.ragworkbench.chunking;

import dev.ragworkbench.embedding.Embedder;
import dev.ragworkbench.ingest.Document;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Breaks where the topic changes: every sentence is embedded, and a chunk ends between two neighbouring sentences
 * whose cosine distance is above the {@code percentile}-th percentile of the document's neighbour distances (so
 * the threshold adapts to each document). Groups over the size are then split recursively. Deterministic for a
 * deterministic embedder.
 */
record SemanticChunker(ChunkerSpec.Semantic spec, Embedder embedder) implements Chunker {

    static final String STAGE = "embedding sentences";

    /** Sentences per embedder call: small enough to notice cancellation and report progress often. */
    static final int BATCH = 64;

    @Override
    public List<Chunk> chunk(Document doc, ProgressListener progress, Cancellation cancellation) {
        cancellation.check();
        String text = doc.text();
        TokenIndex tokens = TokenIndex.of(text, embedder.tokenizer());
        List<Span> sentences = sentences(tokens);
        var splitter = new RecursiveSplitter(tokens, spec.size(), 0);
        var pieces = new ArrayList<Piece>();
        for (Span group : groups(sentences, embed(text, sentences, progress, cancellation))) {
            pieces.addAll(splitter.split(group.start(), group.end()));
        }
        return Chunks.of(doc, pieces);
    }

    /** Sentences with exact offsets: cut at line breaks and at sentence ends (see {@link Separators#SENTENCE}). */
    static List<Span> sentences(TokenIndex tokens) {
        var sentences = new ArrayList<Span>();
        for (Span line : Separators.LINE.pieces(tokens, new Span(0, tokens.text().length()))) {
            sentences.addAll(Separators.SENTENCE.pieces(tokens, line));
        }
        return sentences;
    }

    private List<float[]> embed(String text, List<Span> sentences, ProgressListener progress,
                                Cancellation cancellation) {
        if (sentences.size() < 2) {
            return List.of(); // nothing to compare
        }
        var vectors = new ArrayList<float[]>(sentences.size());
        int total = sentences.size();
        progress.progress(STAGE, 0, total);
        for (int from = 0; from < total; from += BATCH) {
            cancellation.check();
            int done = from;
            List<String> batch = sentences.subList(from, Math.min(from + BATCH, total)).stream()
                    .map(s -> text.substring(s.start(), s.end())).toList();
            // the embedder's per-batch progress mapped onto the whole document
            ProgressListener inner = (stage, batchDone, batchTotal) -> progress.progress(STAGE, done + batchDone, total);
            vectors.addAll(embedder.embedDocuments(batch, inner, cancellation));
        }
        progress.progress(STAGE, total, total);
        return vectors;
    }

    /** Sentence groups: a break after sentence i where distance(i, i+1) exceeds the percentile threshold. */
    private List<Span> groups(List<Span> sentences, List<float[]> vectors) {
        if (sentences.isEmpty()) {
            return List.of();
        }
        if (vectors.isEmpty()) {
            return List.of(new Span(sentences.getFirst().start(), sentences.getLast().end()));
        }
        double[] distances = new double[sentences.size() - 1];
        for (int i = 0; i < distances.length; i++) {
            distances[i] = 1 - cosine(vectors.get(i), vectors.get(i + 1));
        }
        double threshold = percentile(distances, spec.percentile());
        var groups = new ArrayList<Span>();
        int groupStart = sentences.getFirst().start();
        for (int i = 0; i < distances.length; i++) {
            if (distances[i] > threshold) {
                groups.add(new Span(groupStart, sentences.get(i).end()));
                groupStart = sentences.get(i + 1).start();
            }
        }
        groups.add(new Span(groupStart, sentences.getLast().end()));
        return groups;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /** The p-th percentile with linear interpolation between ranks (NumPy's default). */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }
}
