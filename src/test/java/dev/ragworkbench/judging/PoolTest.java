package dev.ragworkbench.judging;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.CancelledException;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.retrieval.DocumentRanking;
import dev.ragworkbench.retrieval.RetrieverSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pools over a real index of 60 SciFact abstracts (BM25 and dense with the real MiniLM model): the union of the
 * columns' top k, reproducible, blind, and resumed from the store alone.
 */
class PoolTest {

    static final Path SCIFACT = Path.of(System.getProperty("ragworkbench.shared.data", "../shared/data"), "scifact");

    @TempDir
    static Path dir;
    static Workbench bench;
    static String index;

    @BeforeAll
    static void build() throws Exception {
        Path corpus = dir.resolve("corpus.jsonl");
        try (var lines = Files.lines(SCIFACT.resolve("corpus.jsonl"))) {
            Files.write(corpus, lines.limit(60).toList());
        }
        bench = Workbench.open(dir.resolve("ws"));
        bench.importCorpus(corpus, ImportFormat.BEIR, "sci", ProgressListener.NONE, Cancellation.none());
        index = bench.buildIndex(new Workbench.IndexRequest("sci", ChunkerSpec.parse("none"),
                "all-minilm-l6-v2"), ProgressListener.NONE, Cancellation.none()).name();
        new Judgments(bench.evalSets()).create("mine", "sci", """
                Vitamin D deficiency and bone fractures
                stem cells in the bone marrow
                white matter development in newborns
                """);
    }

    @AfterAll
    static void close() {
        bench.close();
    }

    static PoolDefinition definition(long seed) {
        return new PoolDefinition("mine", List.of("q1", "q2", "q3"), List.of(
                new PoolColumn(RetrieverSpec.parse("bm25"), index),
                new PoolColumn(RetrieverSpec.parse("dense"), index)), 5, seed);
    }

    @Test
    void aPoolIsTheUnionOfEveryColumnsTopKDocumentsShuffledReproducibly() {
        EvalSet set = bench.evalSets().get("mine");
        Pool pool = Pool.build(definition(7), set, bench, ProgressListener.NONE, Cancellation.none());
        assertThat(pool.queries()).extracting(PoolQuery::id).containsExactly("q1", "q2", "q3");
        try (var idx = bench.openIndex(index)) {
            for (PoolQuery q : pool.queries()) {
                var expected = new HashSet<String>();
                for (String spec : List.of("bm25", "dense")) {
                    DocumentRanking.topDocuments(bench.retriever(idx, RetrieverSpec.parse(spec)), q.text(), 5,
                            idx.info().chunks()).forEach(h -> expected.add(h.documentId()));
                }
                assertThat(q.items()).extracting(PoolItem::documentId).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(expected);
                assertThat(q.items()).hasSizeBetween(5, 10).allSatisfy(item -> {
                    assertThat(item.text()).isNotBlank();
                    assertThat(item.chunkId()).startsWith(item.documentId() + "#");
                });
            }
        }
        Pool again = Pool.build(definition(7), set, bench, ProgressListener.NONE, Cancellation.none());
        assertThat(again.items()).isEqualTo(pool.items());
        // the order is the shuffle's, not a retriever's: another seed orders at least one query differently
        Pool other = Pool.build(definition(8), set, bench, ProgressListener.NONE, Cancellation.none());
        assertThat(other.items()).containsExactlyInAnyOrderElementsOf(pool.items()).isNotEqualTo(pool.items());
    }

    @Test
    void aSessionIsResumedFromTheStoreWithItsGradesCountedAndTheProgressLineSaysSo() {
        var sessions = new PoolSessions(new Judgments(bench.evalSets()), bench.uiState(), bench);
        bench.evalSets().save(bench.evalSets().get("mine").withName("resume"), "sci", null, "copy");
        var def = new PoolDefinition("resume", List.of("q1", "q2", "q3"), definition(7).columns(), 5, 7);
        PoolSession session = sessions.start(def, ProgressListener.NONE, Cancellation.none());
        int total = session.pool().size();
        int first = session.pool().queries().getFirst().items().size();
        assertThat(session.progress().describe())
                .isEqualTo("query 1 of 3, 0 of " + first + " hits judged (0 of " + total + " in all)");
        var graded = new java.util.ArrayList<PoolItem>();
        for (int grade : new int[] {2, 0, 1}) {
            graded.add(session.current().orElseThrow());
            Judgment j = session.judgment(grade);
            sessions.grade("resume", j);
            session.record(j);
        }
        assertThat(session.progress().judged()).isEqualTo(3);
        assertThat(bench.evalSets().versions("resume")).hasSize(4);

        // a new session, from the store alone: the three grades count and it starts at the fourth document
        PoolSession resumed = new PoolSessions(new Judgments(bench.evalSets()), bench.uiState(), bench)
                .resume("resume", ProgressListener.NONE, Cancellation.none()).orElseThrow();
        assertThat(resumed.pool().items()).isEqualTo(session.pool().items());
        assertThat(resumed.progress()).isEqualTo(session.progress());
        assertThat(resumed.progress().describe()).startsWith("query 1 of 3, 3 of " + first + " hits judged (3 of ");
        assertThat(resumed.current()).isEqualTo(session.current());
        assertThat(resumed.grade(graded.get(0))).hasValue(2);
        assertThat(resumed.grade(graded.get(1))).hasValue(0);

        // back goes to the last graded document, to change its grade; skip leaves one for after the others
        resumed.back();
        assertThat(resumed.current()).contains(graded.get(2));
        Judgment regrade = resumed.judgment(2);
        sessions.grade("resume", regrade);
        resumed.record(regrade);
        assertThat(bench.evalSets().get("resume").qrels().judgments("q1")).containsEntry(graded.get(2).documentId(), 2);
        PoolItem skipped = resumed.current().orElseThrow();
        resumed.skip();
        assertThat(resumed.current()).isNotEqualTo(java.util.Optional.of(skipped));
        assertThat(resumed.grade(skipped)).isEmpty();
    }

    @Test
    void documentsTheSetHadJudgedCountAsJudgedAndACancelledBuildStops() {
        var judgments = new Judgments(bench.evalSets());
        bench.evalSets().save(bench.evalSets().get("mine").withName("prejudged"), "sci", null, "copy");
        Pool pool = Pool.build(definition(7), bench.evalSets().get("mine"), bench, ProgressListener.NONE,
                Cancellation.none());
        PoolItem known = pool.queries().get(1).items().getFirst();
        judgments.judge("prejudged", List.of(new Judgment("q2", known.documentId(), 1)));
        var session = new PoolSession(pool, bench.evalSets().get("prejudged").qrels());
        assertThat(session.progress().judged()).isEqualTo(1);
        assertThat(session.grade(known)).hasValue(1);

        var cancel = new Cancellation();
        cancel.cancel();
        assertThatThrownBy(() -> Pool.build(definition(7), bench.evalSets().get("mine"), bench,
                ProgressListener.NONE, cancel)).isInstanceOf(CancelledException.class);
        assertThatThrownBy(() -> Pool.build(new PoolDefinition("mine", List.of("q9"), definition(7).columns(), 5, 1),
                bench.evalSets().get("mine"), bench, ProgressListener.NONE, Cancellation.none()))
                .hasMessageContaining("no query q9");
    }
}
