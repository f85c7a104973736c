package dev.ragworkbench.app;

import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.evaluation.EvalSetReader;
import dev.ragworkbench.evaluation.Evaluator;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.evaluation.Rankings;
import dev.ragworkbench.evaluation.ScoredDoc;
import dev.ragworkbench.evaluation.TrecRunFile;
import dev.ragworkbench.index.IndexSettings;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.retrieval.DocumentRanking;
import dev.ragworkbench.retrieval.RetrieverSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Anserini BM25 reference on BEIR SciFact (test split): one field title + text, EnglishAnalyzer,
 * k1=0.9, b=0.4, no chunking: nDCG@10 0.6789 and Recall@100 0.9253, measured on the TREC run file we write.
 */
class ScifactBm25ReferenceTest {

    static final Path SCIFACT = Path.of(System.getProperty("ragworkbench.shared.data", "../shared/data"), "scifact");

    @TempDir
    Path dir;

    @Test
    void matchesTheAnseriniReference() throws Exception {
        try (var bench = Workbench.open(dir.resolve("ws"))) {
            var imported = bench.importCorpus(SCIFACT.resolve("corpus.jsonl"), ImportFormat.AUTO, null,
                    ProgressListener.NONE, Cancellation.none());
            assertThat(imported.corpus()).isEqualTo("scifact");
            assertThat(imported.added()).isEqualTo(5183);
            long t0 = System.nanoTime();
            var info = bench.buildIndex(new Workbench.IndexRequest("scifact", ChunkerSpec.parse("none"),
                    IndexSettings.NO_EMBEDDER), ProgressListener.NONE, Cancellation.none());
            assertThat(info.chunks()).isEqualTo(5183);
            System.err.printf("TIMING index %.1f s%n", (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();

            var evalSet = EvalSetReader.beir("scifact-test", SCIFACT.resolve("queries.jsonl"),
                    SCIFACT.resolve("qrels/test.tsv"));
            assertThat(evalSet.size()).isEqualTo(300);
            Path runFile = dir.resolve("bm25.trec");
            try (var index = bench.openIndex(null)) {
                var bm25 = bench.retriever(index, RetrieverSpec.parse("bm25:k1=0.9,b=0.4"));
                var run = Rankings.builder("bm25");
                for (var q : evalSet.queries().entrySet()) {
                    var hits = DocumentRanking.topDocuments(bm25, q.getValue(), 1000, info.chunks());
                    run.add(q.getKey(), hits.stream().map(h -> new ScoredDoc(h.documentId(), h.score())).toList());
                }
                TrecRunFile.write(run.build(), runFile);
            }
            System.err.printf("TIMING search %.1f s%n", (System.nanoTime() - t0) / 1e9);
            var ndcg = Metric.parse("ndcg@10");
            var recall = Metric.parse("recall@100");
            var result = Evaluator.evaluate(TrecRunFile.read(runFile), evalSet, List.of(ndcg, recall));
            System.err.printf("BM25 SciFact test: ndcg@10 %.4f recall@100 %.4f%n", result.aggregate().mean(ndcg),
                    result.aggregate().mean(recall));
            assertThat(result.aggregate().mean(ndcg)).isCloseTo(0.6789, within(0.002));
            assertThat(result.aggregate().mean(recall)).isCloseTo(0.9253, within(0.002));
        }
    }
}
