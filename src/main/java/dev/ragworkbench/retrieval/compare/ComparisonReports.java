package dev.ragworkbench.retrieval.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.evaluation.MetricComparison;
import dev.ragworkbench.retrieval.SearchStage;
import dev.ragworkbench.retrieval.SearchTimings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The JSON of {@code search} with several retrievers, as records (Jackson writes them in this order): one query
 * through the columns, and an eval set through them.
 */
public final class ComparisonReports {

    private ComparisonReports() {
    }

    /** {@code {"query", "columns": [...]}}. */
    @JsonPropertyOrder({"query", "columns"})
    public record Columns(String query, List<ColumnEntry> columns) {
    }

    /**
     * @param latencyMs every stage by id ({@code embed}, {@code search}, {@code fusion}, {@code rerank}), null
     *                  when it did not run, then {@code total}
     */
    @JsonPropertyOrder({"retriever", "index", "latencyMs", "hits"})
    public record ColumnEntry(String retriever, String index, Map<String, Double> latencyMs, List<HitEntry> hits) {
    }

    /** @param explain the BM25 explanation with {@code --explain}, else left out */
    @JsonPropertyOrder({"rank", "docId", "chunk", "score", "title", "snippet", "firstRank", "explain"})
    public record HitEntry(int rank, String docId, int chunk, double score, String title, String snippet,
                           Integer firstRank, @JsonInclude(JsonInclude.Include.NON_NULL) Explain explain) {
    }

    /** @param terms each analysed query term's share of {@code score} */
    @JsonPropertyOrder({"k1", "b", "score", "terms", "cosine"})
    public record Explain(double k1, double b, double score, Map<String, Double> terms, Double cosine) {
        static Explain of(ChunkDetails d) {
            var terms = new LinkedHashMap<String, Double>();
            d.bm25().terms().forEach(t -> terms.put(t.term(), t.score()));
            return new Explain(d.bm25().k1(), d.bm25().b(), d.bm25().score(), terms,
                    d.cosine().isPresent() ? d.cosine().getAsDouble() : null);
        }
    }

    /**
     * @param explain a hit's details for {@code --explain}, or null to leave explanations out
     */
    public static Columns columns(QueryComparison found, Function<ColumnHitRef, ChunkDetails> explain) {
        var columns = new ArrayList<ColumnEntry>();
        for (ColumnResult col : found.columns()) {
            var hits = new ArrayList<HitEntry>();
            for (ColumnHit h : col.hits()) {
                Explain e = explain == null ? null : Explain.of(explain.apply(new ColumnHitRef(col.column(), h)));
                hits.add(new HitEntry(h.rank(), h.docId(), h.chunk(), h.score(), h.title(), h.snippet(), h.firstRank(),
                        e));
            }
            columns.add(new ColumnEntry(col.column().retriever().toString(), col.index(), latency(col.timings()), hits));
        }
        return new Columns(found.query(), columns);
    }

    /** A hit with the column it belongs to. */
    public record ColumnHitRef(Column column, ColumnHit hit) {
    }

    static Map<String, Double> latency(SearchTimings t) {
        var ms = new LinkedHashMap<String, Double>();
        for (SearchStage s : SearchStage.values()) {
            ms.put(s.id(), t.ran(s) ? t.millis(s) : null);
        }
        ms.put("total", t.totalMillis());
        return ms;
    }

    /** {@code {"retrievers": [...]}}. */
    public record Retrievers(List<RetrieverEntry> retrievers) {
    }

    /** @param vsFirst left out for the first retriever */
    @JsonPropertyOrder({"retriever", "metrics", "vsFirst"})
    public record RetrieverEntry(String retriever, Map<String, Double> metrics,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Paired> vsFirst) {
    }

    @JsonPropertyOrder({"delta", "ciLow", "ciHigh", "p"})
    public record Paired(double delta, double ciLow, double ciHigh, double p) {
        static Paired of(MetricComparison m) {
            return new Paired(m.delta(), m.ciLow(), m.ciHigh(), m.p());
        }
    }

    public static Retrievers retrievers(EvalComparison result) {
        var entries = new ArrayList<RetrieverEntry>();
        for (ColumnEvaluation c : result.columns()) {
            var metrics = new LinkedHashMap<String, Double>();
            result.metrics().forEach(m -> metrics.put(m.toString(), c.mean(m)));
            Map<String, Paired> vs = null;
            if (!c.vsFirst().isEmpty()) {
                vs = new LinkedHashMap<>();
                for (Metric m : result.metrics()) {
                    vs.put(m.toString(), Paired.of(c.vsFirst().get(m.toString())));
                }
            }
            entries.add(new RetrieverEntry(c.column().retriever().toString(), metrics, vs));
        }
        return new Retrievers(entries);
    }
}
