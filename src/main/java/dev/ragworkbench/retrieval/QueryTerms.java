package dev.ragworkbench.retrieval;

import dev.ragworkbench.index.ChunkIndex;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;

/**
 * A query as BM25 sees it: the index analyser's terms (stemmed, stop words gone). The BM25 retriever, the
 * explanation of its scores and the panes' highlighting all go through here, so what is highlighted is exactly
 * what was scored.
 */
public final class QueryTerms {

    /** A stretch of text whose analysed term is one of the query's, as character offsets into that text. */
    public record Span(int start, int end) {
    }

    private QueryTerms() {
    }

    /** Each distinct analysed term of {@code text} with how often it occurs, in first-occurrence order. */
    public static SequencedMap<String, Integer> counts(Analyzer analyzer, String text) {
        var counts = new LinkedHashMap<String, Integer>();
        try (var stream = analyzer.tokenStream(Bm25Retriever.FIELD, text)) {
            var term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                counts.merge(term.toString(), 1, Integer::sum);
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }

    /** The distinct analysed terms of {@code query} under {@code index}'s analyser. */
    public static List<String> terms(ChunkIndex index, String query) {
        return List.copyOf(counts(index.analyzer(), query).keySet());
    }

    /**
     * Where in {@code text} the tokens whose analysed form is one of {@code terms} sit, in order: "Cells" is
     * highlighted for the query term {@code cell}.
     */
    public static List<Span> highlights(ChunkIndex index, String text, Collection<String> terms) {
        if (text == null || text.isEmpty() || terms.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = Set.copyOf(terms);
        var spans = new ArrayList<Span>();
        try (var stream = index.analyzer().tokenStream(Bm25Retriever.FIELD, text)) {
            var term = stream.addAttribute(CharTermAttribute.class);
            var offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (wanted.contains(term.toString())) {
                    spans.add(new Span(offset.startOffset(), offset.endOffset()));
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return spans;
    }

    /**
     * The BM25 query of {@code text}: a bag of its analysed terms, each boosted by how often it occurs, never
     * parsed as Lucene query syntax; null when nothing is left after analysis (only stop words or punctuation).
     */
    static Query bm25Query(Analyzer analyzer, String text) {
        var counts = counts(analyzer, text);
        if (counts.isEmpty()) {
            return null;
        }
        var builder = new BooleanQuery.Builder();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            Query tq = new TermQuery(new Term(Bm25Retriever.FIELD, e.getKey()));
            builder.add(e.getValue() == 1 ? tq : new BoostQuery(tq, e.getValue()), BooleanClause.Occur.SHOULD);
        }
        return builder.build();
    }
}
