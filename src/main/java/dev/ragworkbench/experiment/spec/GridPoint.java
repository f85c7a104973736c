package dev.ragworkbench.experiment.spec;

import dev.ragworkbench.index.IndexSettings;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.embedding.Embedders;
import dev.ragworkbench.retrieval.RerankerSpec;
import dev.ragworkbench.retrieval.RetrieverSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.TreeMap;

/**
 * One run of an experiment: a chunker, an embedder (or {@value IndexSettings#NO_EMBEDDER} for lexical
 * retrieval) and a retriever, over the experiment's shared {@link Inputs}.
 *
 * @param embedder a built-in embedder name or an absolute model folder, as {@link Embedders#open(String)} takes
 *                 it, or {@value IndexSettings#NO_EMBEDDER}
 */
public record GridPoint(ChunkerSpec chunker, String embedder, RetrieverSpec retriever, Inputs inputs) {

    public GridPoint {
        Objects.requireNonNull(chunker, "chunker");
        Objects.requireNonNull(embedder, "embedder");
        Objects.requireNonNull(retriever, "retriever");
        Objects.requireNonNull(inputs, "inputs");
        if (retriever.kind().needsVectors() == embedder.equals(IndexSettings.NO_EMBEDDER)) {
            throw new IllegalArgumentException(retriever.kind().needsVectors()
                    ? "retriever " + retriever + " needs an embedder"
                    : "lexical retriever " + retriever + " runs without an embedder, not with " + embedder);
        }
    }

    /** What every point of one experiment shares: what is searched, what is asked, and how deep. */
    public record Inputs(ExperimentSpec.Corpus corpus, String evalSetName, Optional<ExperimentSpec.Sample> sample,
                         int top) {
        public Inputs {
            Objects.requireNonNull(corpus, "corpus");
            Objects.requireNonNull(evalSetName, "evalSetName");
            Objects.requireNonNull(sample, "sample");
        }
    }

    /**
     * Every setting as flat {@code section.key} strings, in a stable order, for run records and comparison
     * tables: {@code corpus.path}, {@code corpus.format}, {@code evalSet.name}, {@code evalSet.sample.n} and
     * {@code evalSet.sample.seed} (only with a sample), {@code chunking.kind} then the chunker's parameters in its
     * canonical order, {@code embedding.model}, {@code retrieval.kind} then the retriever's parameters sorted by
     * name, {@code retrieval.top}, and with a reranker {@code rerank.embedder} or {@code rerank.model}, then
     * {@code rerank.depth}.
     */
    public SequencedMap<String, String> params() {
        var map = new LinkedHashMap<String, String>();
        map.put("corpus.path", inputs.corpus().path().toString());
        map.put("corpus.format", inputs.corpus().format().id());
        map.put("evalSet.name", inputs.evalSetName());
        inputs.sample().ifPresent(s -> {
            map.put("evalSet.sample.n", Integer.toString(s.n()));
            map.put("evalSet.sample.seed", Long.toString(s.seed()));
        });
        map.put("chunking.kind", chunker.kind().id());
        chunker.params().forEach((k, v) -> map.put("chunking." + k, v));
        map.put("embedding.model", baseEmbedder());
        adapter().ifPresent(a -> map.put("embedding.adapter", a));
        map.put("retrieval.kind", retriever.kind().id());
        new TreeMap<>(retriever.params()).forEach((k, v) -> map.put("retrieval." + k, v));
        map.put("retrieval.top", Integer.toString(inputs.top()));
        if (retriever.hasReranker()) {
            retriever.reranker().params().forEach((k, v) -> map.put("rerank." + k, v));
        }
        return Collections.unmodifiableSequencedMap(map);
    }

    /** The name of this point's run answered by {@code model} (a spec's {@code models} axis): {@code POINT · MODEL}. */
    public String name(String model) {
        return name() + " · " + model;
    }

    /**
     * A short label, e.g. {@code fixed-200-40 · all-minilm-l6-v2 · hybrid-rrf:k=30}: the chunker's slug, the
     * embedder (left out for lexical runs), and the retriever with only the parameters that differ from its
     * defaults. Distinct points of one spec get distinct names.
     */
    public String name() {
        var parts = new ArrayList<String>();
        parts.add(chunker.slug());
        if (!embedder.equals(IndexSettings.NO_EMBEDDER)) {
            // A model folder is an absolute path; its last part is the readable bit.
            String base = baseEmbedder();
            parts.add((Embedders.knownNames().contains(base) ? base
                    : String.valueOf(java.nio.file.Path.of(base).getFileName()))
                    + adapter().map(a -> ADAPTER_SEPARATOR + a).orElse(""));
        }
        var changed = new TreeMap<String, String>();
        retriever.params().forEach((k, v) -> {
            if (!v.equals(retriever.kind().defaults().get(k))) {
                changed.put(k, v);
            }
        });
        String rerank = "";
        if (retriever.hasReranker()) {
            var r = retriever.reranker();
            String source = r.isCrossEncoder() ? String.valueOf(java.nio.file.Path.of(r.model()).getFileName())
                    : Embedders.knownNames().contains(r.embedder()) ? r.embedder()
                    : String.valueOf(java.nio.file.Path.of(r.embedder()).getFileName());
            rerank = "+rerank:" + source + (r.depth() == RerankerSpec.DEFAULT_DEPTH ? "" : ",depth=" + r.depth());
        }
        parts.add((changed.isEmpty() ? retriever.kind().id() : retriever.kind().id() + ":" + String.join(",",
                changed.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())) + rerank);
        return String.join(" · ", parts);
    }

    /** How an embedding axis item names an embedder with an adapter: {@code NAME+adapter:RUN_ID}. */
    public static final String ADAPTER_SEPARATOR = "+adapter:";

    public static String withAdapter(String embedder, String adapterRunId) {
        return embedder + ADAPTER_SEPARATOR + adapterRunId;
    }

    /** The embedder whose index serves this point: {@link #embedder()} without its adapter. */
    public String baseEmbedder() {
        int at = embedder.indexOf(ADAPTER_SEPARATOR);
        return at < 0 ? embedder : embedder.substring(0, at);
    }

    /** The run id of the adapter the query vectors go through, if any. */
    public Optional<String> adapter() {
        int at = embedder.indexOf(ADAPTER_SEPARATOR);
        return at < 0 ? Optional.empty() : Optional.of(embedder.substring(at + ADAPTER_SEPARATOR.length()));
    }

    @Override
    public String toString() {
        return name();
    }
}
