package dev.ragworkbench.app;

import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.index.IndexSettings;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.retrieval.Hit;
import dev.ragworkbench.retrieval.RetrieverSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code index} on an unchanged corpus leaves the index alone; a changed corpus updates it in place, and the
 * updated index scores every document exactly as a new build of the same corpus does.
 */
class IndexRefreshTest {

    @TempDir
    Path dir;

    static String line(String id, String title, String text) {
        return "{\"_id\":\"" + id + "\",\"title\":\"" + title + "\",\"text\":\"" + text + "\"}";
    }

    static List<String> corpus() {
        var lines = new ArrayList<String>();
        for (int i = 0; i < 40; i++) {
            lines.add(line("d" + i, "Title " + i, "Sepsis and interleukin " + i + " levels in patients group "
                    + (i % 5) + ". Vitamin D trial " + (i % 3) + "."));
        }
        return lines;
    }

    static final Workbench.IndexRequest REQUEST = new Workbench.IndexRequest("c", ChunkerSpec.parse("none"),
            IndexSettings.NO_EMBEDDER);

    static Map<String, Double> scores(Workbench bench, String query) {
        var scores = new LinkedHashMap<String, Double>();
        try (var index = bench.openIndex(null)) {
            for (Hit h : bench.retriever(index, RetrieverSpec.parse("bm25")).search(query, 100)) {
                scores.put(h.documentId(), h.score());
            }
        }
        return scores;
    }

    Workbench.IndexOutcome importAndRefresh(Workbench bench, Path file) {
        bench.importCorpus(file, ImportFormat.BEIR, "c", ProgressListener.NONE, Cancellation.none());
        return bench.refreshIndex(REQUEST, ProgressListener.NONE, Cancellation.none());
    }

    @Test
    void unchangedIsCurrentAndChangesUpdateInPlaceScoringAsANewBuild() throws Exception {
        Path file = dir.resolve("corpus.jsonl");
        Files.write(file, corpus());
        try (var bench = Workbench.open(dir.resolve("ws"))) {
            assertThat(importAndRefresh(bench, file).action()).isEqualTo(Workbench.IndexAction.BUILT);
            var again = importAndRefresh(bench, file);
            assertThat(again.action()).isEqualTo(Workbench.IndexAction.CURRENT);
            assertThat(again.info().chunks()).isEqualTo(40);

            var changed = new ArrayList<>(corpus());
            changed.set(3, line("d3", "Title 3", "Completely different words about cats."));
            changed.add(line("d40", "New", "Interleukin cats in a new document."));
            Files.write(file, changed);
            var updated = importAndRefresh(bench, file);
            assertThat(updated.action()).isEqualTo(Workbench.IndexAction.UPDATED);
            assertThat(updated.info().chunks()).isEqualTo(41);
            assertThat(updated.info().documents()).isEqualTo(41);

            assertThat(bench.removeDocuments("c", List.of("d7"), ProgressListener.NONE, Cancellation.none()))
                    .isEqualTo(1);
            var removed = bench.refreshIndex(REQUEST, ProgressListener.NONE, Cancellation.none());
            assertThat(removed.action()).isEqualTo(Workbench.IndexAction.UPDATED);
            assertThat(removed.info().chunks()).isEqualTo(40);

            Files.write(file, changed.stream().filter(l -> !l.contains("\"d7\"")).toList());
            try (var fresh = Workbench.open(dir.resolve("fresh"))) {
                assertThat(importAndRefresh(fresh, file).action()).isEqualTo(Workbench.IndexAction.BUILT);
                for (String q : List.of("interleukin cats", "vitamin d trial 2", "sepsis patients group 4")) {
                    var ours = scores(bench, q);
                    assertThat(ours).as(q).isNotEmpty().doesNotContainKey("d7").isEqualTo(scores(fresh, q));
                }
                assertThat(scores(bench, "cats")).containsKeys("d3", "d40");
            }
        }
    }
}
