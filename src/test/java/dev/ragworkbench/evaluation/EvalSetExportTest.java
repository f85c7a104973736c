package dev.ragworkbench.evaluation;

import dev.ragworkbench.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.gla.terrier.jtreceval.trec_eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SciFact's test qrels imported into a workspace and exported as TREC and BEIR: the exported files hold the same
 * 339 judgments, our readers read them back as the same set, and the real trec_eval reads the TREC qrels.
 */
class EvalSetExportTest {

    @TempDir
    Path tmp;

    @Test
    void sciFactTestQrelsSurviveExportAsTrecAndBeir() throws Exception {
        Path scifact = ReadersTest.SCIFACT;
        EvalSet stored;
        try (var ws = Workspace.open(tmp.resolve("ws"))) {
            var store = new EvalSetStore(ws, corpus -> Map.of());
            store.importFiles("scifact-test", new EvalSetFiles.Beir(scifact.resolve("queries.jsonl"),
                    scifact.resolve("qrels/test.tsv")), null);
            stored = store.get("scifact-test");
        }
        assertThat(stored.qrels().judgmentCount()).isEqualTo(339);

        Path trec = tmp.resolve("trec");
        assertThat(EvalSetExport.write(stored, EvalSetExport.Format.TREC, trec))
                .containsExactly(trec.resolve("topics.tsv"), trec.resolve("qrels.txt"));
        List<String> trecLines = Files.readAllLines(trec.resolve("qrels.txt"));
        assertThat(trecLines).hasSize(339).allMatch(l -> l.matches("\\S+ 0 \\S+ -?\\d+"));
        EvalSet fromTrec = EvalSetReader.trec("scifact-test", trec.resolve("topics.tsv"), trec.resolve("qrels.txt"));
        assertThat(fromTrec.qrels()).isEqualTo(stored.qrels());
        assertThat(fromTrec.queries()).isEqualTo(stored.queries());
        assertThat(fromTrec.sha256()).isEqualTo(stored.sha256());

        Path beir = tmp.resolve("beir");
        EvalSetExport.write(stored, EvalSetExport.Format.BEIR, beir);
        List<String> beirLines = Files.readAllLines(beir.resolve("qrels/test.tsv"));
        assertThat(beirLines.getFirst()).isEqualTo("query-id\tcorpus-id\tscore");
        assertThat(beirLines).hasSize(340);
        assertThat(Files.readAllLines(beir.resolve("qrels/test.tsv")).subList(1, 340))
                .containsExactlyInAnyOrderElementsOf(Files.readAllLines(scifact.resolve("qrels/test.tsv")).subList(1, 340));
        EvalSet fromBeir = EvalSetReader.beirDirectory(beir, "test");
        assertThat(fromBeir.qrels()).isEqualTo(stored.qrels());
        assertThat(fromBeir.sha256()).isEqualTo(stored.sha256());

        // trec_eval itself reads the exported qrels: a run that ranks each query's judged documents first scores
        // 1.0 on every measure, over all 300 queries
        var run = new ArrayList<String>();
        stored.qrels().judgments().forEach((q, docs) -> {
            int rank = 1;
            for (String doc : docs.keySet()) {
                run.add(q + " Q0 " + doc + " " + rank + " " + (100 - rank) + " perfect");
                rank++;
            }
        });
        Path runFile = Files.write(tmp.resolve("perfect.run"), run);
        var trecEval = new trec_eval();
        String[][] out = trecEval.runAndGetOutput(new String[] {"-m", "num_q", "-m", "num_rel", "-m", "ndcg_cut.10",
                trec.resolve("qrels.txt").toString(), runFile.toString()});
        assertThat(trecEval.getLastExitCode()).isZero();
        var measures = new java.util.HashMap<String, String>();
        for (String[] row : out) {
            measures.put(row[0], row[row.length - 1]);
        }
        assertThat(measures).as(Arrays.deepToString(out)).containsEntry("num_q", "300")
                .containsEntry("num_rel", "339").containsEntry("ndcg_cut_10", "1.0000");
    }
}
