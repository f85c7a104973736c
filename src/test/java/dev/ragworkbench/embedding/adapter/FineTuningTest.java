package dev.ragworkbench.embedding.adapter;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.evaluation.EvalSetReader;
import dev.ragworkbench.experiment.FineTuning;
import dev.ragworkbench.experiment.store.RunStatus;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.CancelledException;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.retrieval.Hit;
import dev.ragworkbench.retrieval.RetrieverSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An adapter trained on a small fixed slice of SciFact's training qrels, over a real index made by the real
 * MiniLM model: the same seed gives the same adapter bit for bit, the loss falls, and the run records it all.
 */
class FineTuningTest {

    static final Path SCIFACT = AdapterFixture.SCIFACT;
    static final int QUERIES = 120;
    static final int DISTRACTORS = 100;

    @TempDir
    static Path dir;
    static Workbench bench;
    static String index;
    static EvalSet train;

    @BeforeAll
    static void build() throws Exception {
        // The first QUERIES training queries, their relevant documents, and some others to rank against.
        var files = AdapterFixture.write(dir, QUERIES, 0, DISTRACTORS);
        bench = Workbench.open(dir.resolve("ws"));
        index = AdapterFixture.index(bench, files, "sci");
        train = EvalSetReader.beir("sci-train", SCIFACT.resolve("queries.jsonl"), files.trainQrels());
    }

    @AfterAll
    static void close() {
        bench.close();
    }

    static final TrainingOptions OPTIONS = new TrainingOptions(6, 5e-3, 16, 20, TrainingOptions.Negatives.IN_BATCH,
            7, 0.2, 6);

    @Test
    void theSameSeedGivesTheSameAdapterAndTheLossFalls() {
        var losses = new ArrayList<List<Double>>();
        var listener = new TrainingListener() {
            @Override
            public void step(long step, int epoch, double loss) {
                while (losses.size() < epoch) {
                    losses.add(new ArrayList<>());
                }
                losses.get(epoch - 1).add(loss);
            }

            @Override
            public void epoch(int epoch, double validationNdcg10, boolean best) {
            }
        };
        var first = bench.fineTuning().train(new FineTuning.Request(index, train, OPTIONS, null), listener,
                ProgressListener.NONE, Cancellation.none());
        var second = bench.fineTuning().train(new FineTuning.Request(index, train, OPTIONS, null),
                TrainingListener.NONE, ProgressListener.NONE, Cancellation.none());

        assertThat(first.runId()).isNotEqualTo(second.runId());
        assertThat(second.result().adapter().sha256()).isEqualTo(first.result().adapter().sha256());
        var byEpoch = losses.stream().map(l -> l.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).toList();
        assertThat(byEpoch).hasSize(first.result().epochsRun());
        assertThat(byEpoch.getLast()).isLessThan(byEpoch.getFirst() * 0.9);

        var run = bench.runs().run(first.runId());
        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(run.params()).containsEntry("embedding.model", "all-minilm-l6-v2")
                .containsEntry("train.seed", "7").containsEntry("adapter.sha256", first.result().adapter().sha256());
        assertThat(bench.runs().stepMetrics(first.runId(), FineTuning.LOSS)).hasSize((int) first.result().steps());
        assertThat(bench.runs().stepMetrics(first.runId(), FineTuning.VALIDATION))
                .hasSize(first.result().epochsRun() + 1);
        assertThat(run.artifacts()).anySatisfy(a -> assertThat(a.name()).isEqualTo(FineTuning.ARTIFACT));

        // Stored and read back, the adapter is the one trained; a search through it runs over the base index.
        var trained = bench.fineTuning().adapter(first.runId(), "all-minilm-l6-v2");
        assertThat(trained.adapter().sha256()).isEqualTo(first.result().adapter().sha256());
        try (var idx = bench.openIndex(index)) {
            var tuned = bench.retriever(idx, RetrieverSpec.parse("dense:exact=true"), first.runId());
            String q = train.queries().firstEntry().getValue();
            List<Hit> hits = tuned.search(q, 5);
            assertThat(hits).hasSize(5);
            assertThat(tuned.search(dev.ragworkbench.retrieval.SearchRequest.of(q, 5)).timings()
                    .ran(dev.ragworkbench.retrieval.SearchStage.EMBED)).isTrue();
        }
    }

    @Test
    void aCancelledTrainingLeavesACancelledRunAndNoAdapter() {
        var cancel = new Cancellation();
        var listener = new TrainingListener() {
            @Override
            public void step(long step, int epoch, double loss) {
                cancel.cancel();
            }

            @Override
            public void epoch(int epoch, double validationNdcg10, boolean best) {
            }
        };
        assertThatThrownBy(() -> bench.fineTuning().train(new FineTuning.Request(index, train, OPTIONS, "cancelled"),
                listener, ProgressListener.NONE, cancel)).isInstanceOf(CancelledException.class);
        var runs = bench.runs().runs(dev.ragworkbench.experiment.store.RunQuery.all()).stream()
                .filter(r -> "cancelled".equals(r.experiment())).toList();
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
            assertThat(r.artifacts()).isEmpty();
        });
    }

    @Test
    void anAdapterIsRefusedOverAnotherEmbeddersVectors() {
        var outcome = bench.fineTuning().train(new FineTuning.Request(index, train, OPTIONS.withEpochs(1), "other"),
                TrainingListener.NONE, ProgressListener.NONE, Cancellation.none());
        assertThatThrownBy(() -> bench.fineTuning().adapter(outcome.runId(), "bge-small-en-v1.5-q"))
                .hasMessageContaining("trained on all-minilm-l6-v2");
        assertThatThrownBy(() -> bench.fineTuning().adapter("no-such-run", null)).hasMessageContaining("no run");
    }
}
