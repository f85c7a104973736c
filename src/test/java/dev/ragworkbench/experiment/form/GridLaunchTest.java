package dev.ragworkbench.experiment.form;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.experiment.CovidQaAnswers;
import dev.ragworkbench.experiment.spec.ExperimentSpec;
import dev.ragworkbench.generation.ChatServer;
import dev.ragworkbench.experiment.store.RunQuery;
import dev.ragworkbench.experiment.store.RunStatus;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.CancelledException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A grid launched from the window: indexes first, then runs; cancelling ends the running run as cancelled. */
class GridLaunchTest {

    @TempDir
    Path dir;

    @Test
    void buildsIndexesBeforeRunsAndACancelKeepsTheFinishedRuns() throws Exception {
        Path data = dir.resolve("data");
        TinyBeir.write(data);
        Path specFile = dir.resolve("grid.yaml");
        Files.writeString(specFile, """
                name: grid
                corpus: { format: beir, path: data/corpus.jsonl }
                evalSet: { format: beir, queries: data/queries.jsonl, qrels: data/qrels/test.tsv }
                chunking: [ none, "fixed:size=8,overlap=0" ]
                retrieval: [ bm25, "bm25:k1=1.2,b=0.75" ]
                metrics: [ ndcg@10 ]
                """);
        var spec = ExperimentSpec.load(specFile);
        assertThat(GridLaunch.indexesFor(spec)).extracting(GridLaunch.IndexNeed::label)
                .containsExactly("none × none", "fixed-8-0 × none");
        var events = Collections.synchronizedList(new ArrayList<String>());
        var cancel = new Cancellation();
        try (var bench = Workbench.open(dir.resolve("ws"))) {
            var listener = new GridLaunch.Listener() {
                @Override public void importing(long done, long total) { }
                @Override public void indexing(int index, int count, String label, String stage, long done, long total) {
                    if (done == 1 && total == 1 && stage.equals("index")) {
                        events.add("index " + index);
                    }
                }
                @Override public void running(int index, String run, long done, long total) {
                    if (index == 2) {
                        cancel.cancel(); // while the third run searches
                    }
                    if (done == total) {
                        events.add("searched " + index);
                    }
                }
                @Override public void ended(int index, String run) {
                    events.add("ended " + index);
                }
            };
            assertThatThrownBy(() -> new GridLaunch(bench, bench.runs()).run(spec, listener, cancel))
                    .isInstanceOf(CancelledException.class);
            var runs = bench.runs().runs(RunQuery.all());
            assertThat(runs).extracting(r -> r.name() + " " + r.status()).containsExactlyInAnyOrder(
                    "none · bm25 " + RunStatus.FINISHED, "none · bm25:b=0.75,k1=1.2 " + RunStatus.FINISHED,
                    "fixed-8-0 · bm25 " + RunStatus.CANCELLED);
        }
        assertThat(events.subList(0, 2)).containsExactly("index 0", "index 1");
        assertThat(events).containsSubsequence("index 1", "searched 0", "ended 0", "searched 1", "ended 1");
        assertThat(events).doesNotContain("ended 2");
    }

    @Test
    void aGridWithAModelsAxisShowsOneRowPerPointAndModel() throws Exception {
        var covid = new CovidQaAnswers(dir, 3);
        var events = Collections.synchronizedList(new ArrayList<String>());
        try (var server = new ChatServer(); var bench = Workbench.open(dir.resolve("ws"))) {
            server.server.setDispatcher(covid.dispatcher());
            String yaml = covid.spec(server, "").replace("retrieval: [ bm25 ]",
                    "retrieval: [ bm25, \"bm25:k1=1.2,b=0.75\" ]");
            var spec = ExperimentSpec.load(Files.writeString(dir.resolve("answers.yaml"), yaml));
            var preview = GridPreview.of(spec);
            assertThat(preview.summary()).isEqualTo("4 runs (2 points × 2 models): recursive-256-32 · bm25 · script,"
                    + " recursive-256-32 · bm25 · wrong, recursive-256-32 · bm25:b=0.75,k1=1.2 · script,"
                    + " recursive-256-32 · bm25:b=0.75,k1=1.2 · wrong");
            var listener = new GridLaunch.Listener() {
                @Override public void importing(long done, long total) { }
                @Override public void indexing(int index, int count, String label, String stage, long done, long total) { }
                @Override public void running(int index, String run, long done, long total) {
                    if (done == total && total > 0) {
                        events.add("ran " + index + " " + run);
                    }
                }
                @Override public void ended(int index, String run) {
                    events.add("ended " + index + " " + run);
                }
            };
            var outcomes = new GridLaunch(bench, bench.runs()).run(spec, listener, Cancellation.none());
            assertThat(outcomes).extracting(o -> o.run().name()).containsExactlyElementsOf(preview.names());
        }
        var names = GridPreview.of(ExperimentSpec.load(dir.resolve("answers.yaml"))).names();
        for (int i = 0; i < names.size(); i++) {
            assertThat(events).as("run %d", i).containsOnlyOnce("ended " + i + " " + names.get(i))
                    .contains("ran " + i + " " + names.get(i));
        }
        assertThat(events.stream().filter(e -> e.startsWith("ended"))).hasSize(4);
    }
}
