package dev.ragworkbench.retrieval;

import dev.ragworkbench.index.ChunkIndex;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.similarities.BM25Similarity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Why BM25 gave a chunk its score, term by term, as Lucene explains it: each analysed query term's share (its
 * idf × tf part, times how often the query repeats it) and Lucene's own text of the computation. A term the
 * chunk lacks contributes 0.
 *
 * @param k1    the BM25 parameter used
 * @param b     the BM25 parameter used
 * @param score the chunk's BM25 score for the query: the sum of the terms' scores
 * @param terms every analysed query term, in query order
 */
public record Bm25Explanation(double k1, double b, double score, List<TermScore> terms) {

    /**
     * @param term   the analysed term, e.g. {@code cell}
     * @param score  its contribution to the score
     * @param detail Lucene's explanation of that contribution (idf, tf, freq, dl, avgdl), or empty when absent
     */
    public record TermScore(String term, double score, String detail) {
    }

    public Bm25Explanation {
        terms = List.copyOf(terms);
    }

    /**
     * Explains the score the chunk {@code luceneDoc} of {@code index} gets for {@code query} under BM25 with
     * {@code k1} and {@code b}: the same query and similarity the {@code bm25} retriever uses.
     */
    public static Bm25Explanation of(ChunkIndex index, String query, double k1, double b, int luceneDoc) {
        var termCounts = QueryTerms.counts(index.analyzer(), query);
        var byTerm = new LinkedHashMap<String, TermScore>();
        termCounts.keySet().forEach(t -> byTerm.put(t, new TermScore(t, 0, "")));
        Query q = QueryTerms.bm25Query(index.analyzer(), query);
        double total = 0;
        if (q != null) {
            IndexSearcher searcher = index.newSearcher();
            searcher.setSimilarity(new BM25Similarity((float) k1, (float) b));
            try {
                Explanation e = searcher.explain(q, luceneDoc);
                total = e.getValue().doubleValue();
                // One clause matched: Lucene gives that clause's explanation itself instead of a "sum of".
                List<Explanation> parts = termCounts.size() == 1 || e.getDetails().length == 0
                        ? List.of(e) : List.of(e.getDetails());
                for (Explanation part : parts) {
                    String term = termOf(part.getDescription());
                    if (term != null && byTerm.containsKey(term) && part.isMatch()) {
                        byTerm.put(term, new TermScore(term, part.getValue().doubleValue(), part.toString().strip()));
                    }
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return new Bm25Explanation(k1, b, total, new ArrayList<>(byTerm.values()));
    }

    /** {@code weight(contents:cell in 12) [BM25Similarity], result of:} → {@code cell}. */
    private static String termOf(String description) {
        String prefix = Bm25Retriever.FIELD + ":";
        int from = description.indexOf(prefix);
        if (from < 0) {
            return null;
        }
        from += prefix.length();
        int to = description.indexOf(" in ", from);
        return to < 0 ? null : description.substring(from, to);
    }

    /**
     * The cosine similarity of {@code queryVector} and the stored vector of chunk {@code luceneDoc}; empty when
     * the index holds no vector for it (an index built without an embedder).
     */
    public static OptionalDouble cosine(ChunkIndex index, float[] queryVector, int luceneDoc) {
        var leaves = index.reader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(luceneDoc, leaves));
        try {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(DenseRetriever.FIELD);
            if (values == null) {
                return OptionalDouble.empty();
            }
            var it = values.iterator();
            int local = luceneDoc - leaf.docBase;
            if (it.advance(local) != local) {
                return OptionalDouble.empty();
            }
            float[] v = values.vectorValue(it.index());
            double dot = 0;
            double nq = 0;
            double nv = 0;
            for (int i = 0; i < v.length; i++) {
                dot += (double) queryVector[i] * v[i];
                nq += (double) queryVector[i] * queryVector[i];
                nv += (double) v[i] * v[i];
            }
            return nq == 0 || nv == 0 ? OptionalDouble.of(0) : OptionalDouble.of(dot / Math.sqrt(nq * nv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
