package dev.ragworkbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.evaluation.EvalSetReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.gla.terrier.jtreceval.trec_eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code evalsets add-queries} and {@code evalsets judge} in-process on a real workspace: a set made and graded on
 * the command line, each step a version, exported as BEIR and TREC, and read by the real trec_eval.
 */
class JudgeCommandTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    CliTest.Result run(String... args) {
        return CliTestSupport.run(args);
    }

    @Test
    void aSetMadeAndGradedOnTheCommandLineExportsJudgmentsTrecEvalReads() throws Exception {
        String ws = dir.resolve("ws").toString();
        Path queries = Files.writeString(dir.resolve("queries.txt"), """
                vitamin D and bone fractures
                stem cells in bone marrow
                own-3\twhite matter in newborns
                """);
        var made = run("evalsets", "add-queries", "mine", "--new", "--from", queries.toString(), "--workspace", ws);
        assertThat(made.exit()).as(made.err()).isZero();
        assertThat(made.out()).contains("version 1", "3 queries added", "q1\tvitamin D", "own-3\twhite matter");

        var one = run("evalsets", "judge", "mine", "q1", "4983", "2", "--workspace", ws);
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(one.out()).contains("version 2", "from version 1", "1 judgment written, 1 in all");
        String v2 = sha(ws, 2);

        Path tsv = Files.writeString(dir.resolve("grades.tsv"), """
                query-id\tcorpus-id\tscore
                q1\t5836\t0
                q2\t7912\t1
                own-3\t4983\t2
                q1\t4983\t1
                """);
        var many = run("evalsets", "judge", "mine", "--from", tsv.toString(), "--workspace", ws);
        assertThat(many.exit()).as(many.err()).isZero();
        assertThat(many.out()).contains("version 3", "4 judgments written, 4 in all");

        // a bad line names the file and line, exits 2 and writes nothing
        Path bad = Files.writeString(dir.resolve("bad.tsv"), "q1\t18670\t1\nq2\t1234\thigh\n");
        var refused = run("evalsets", "judge", "mine", "--from", bad.toString(), "--workspace", ws);
        assertThat(refused.exit()).isEqualTo(Cli.BAD_INPUT);
        assertThat(refused.lastErrLine()).startsWith("error: ").contains("bad.tsv:2:", "'high' is not 0, 1 or 2");
        Path unknown = Files.writeString(dir.resolve("unknown.tsv"), "q1\t18670\t1\nq9\t1234\t1\n");
        var noQuery = run("evalsets", "judge", "mine", "--from", unknown.toString(), "--workspace", ws);
        assertThat(noQuery.exit()).isEqualTo(Cli.BAD_INPUT);
        assertThat(noQuery.lastErrLine()).contains("unknown.tsv:2:", "no query q9");
        assertThat(run("evalsets", "judge", "mine", "q1", "d1", "3", "--workspace", ws).exit()).isEqualTo(Cli.BAD_INPUT);
        assertThat(run("evalsets", "judge", "mine", "q1", "d1", "--workspace", ws).exit()).isEqualTo(Cli.BAD_INPUT);
        var again = run("evalsets", "judge", "mine", "q2", "7912", "1", "--workspace", ws);
        assertThat(again.out()).contains("no new version (still version 3)");
        JsonNode show = JSON.readTree(run("evalsets", "show", "mine", "--json", "--workspace", ws).out());
        assertThat(show.get("history")).hasSize(3);
        assertThat(show.get("judgments").asInt()).isEqualTo(4);

        var added = run("evalsets", "add-queries", "mine", "--query", "stem cells in bone marrow", "--query",
                "tumour growth and immunity", "--workspace", ws);
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("version 4", "1 query added, 4 in all", "q3\ttumour growth");

        Path beir = dir.resolve("beir");
        assertThat(run("evalsets", "export", "mine", "--format", "beir", "--out", beir.toString(), "--workspace", ws)
                .exit()).isZero();
        var fromBeir = EvalSetReader.beirDirectory(beir, "test");
        assertThat(fromBeir.qrels().judgments("q1")).containsEntry("4983", 1).containsEntry("5836", 0);
        assertThat(fromBeir.qrels().judgmentCount()).isEqualTo(4);
        // every query is written, the unjudged q3 too (the BEIR reader keeps only judged ones)
        assertThat(Files.readAllLines(beir.resolve("queries.jsonl"))).hasSize(4).last().asString()
                .contains("\"_id\":\"q3\"");

        // trec_eval reads the BEIR qrels turned into its own columns, as pyserini does, and the TREC export as is
        Path trec = dir.resolve("trec");
        assertThat(run("evalsets", "export", "mine", "--format", "trec", "--out", trec.toString(), "--workspace", ws)
                .exit()).isZero();
        List<String> beirLines = Files.readAllLines(beir.resolve("qrels/test.tsv"));
        Path beirAsTrec = Files.write(dir.resolve("beir.qrels"), beirLines.subList(1, beirLines.size()).stream()
                .map(l -> l.split("\t")).map(f -> f[0] + " 0 " + f[1] + " " + f[2]).toList());
        Path runFile = Files.write(dir.resolve("r.run"), List.of("q1 Q0 5836 1 9 r", "q1 Q0 4983 2 8 r",
                "q2 Q0 7912 1 9 r", "own-3 Q0 4983 1 9 r"));
        for (Path qrels : List.of(beirAsTrec, trec.resolve("qrels.txt"))) {
            var trecEval = new trec_eval();
            String[][] out = trecEval.runAndGetOutput(new String[] {"-m", "num_q", "-m", "num_rel", "-m",
                    "ndcg_cut.10", qrels.toString(), runFile.toString()});
            assertThat(trecEval.getLastExitCode()).isZero();
            var measures = new HashMap<String, String>();
            for (String[] row : out) {
                measures.put(row[0], row[row.length - 1]);
            }
            // q1: its one relevant document at rank 2 gives 1/log2(3) = 0.6309; q2 and own-3 score 1
            assertThat(measures).as(Arrays.deepToString(out)).containsEntry("num_q", "3").containsEntry("num_rel", "3")
                    .containsEntry("ndcg_cut_10", "0.8770");
        }

        // a run scored on version 2 still finds its judgments by the hash it recorded
        Path old = dir.resolve("old");
        assertThat(run("evalsets", "export", "mine", "--format", "trec", "--out", old.toString(), "--version",
                v2.substring(0, 12), "--workspace", ws).exit()).isZero();
        assertThat(Files.readAllLines(old.resolve("qrels.txt"))).containsExactly("q1 0 4983 2");
        assertThat(sha(ws, 2)).isEqualTo(v2);
    }

    private String sha(String ws, int version) throws Exception {
        JsonNode show = JSON.readTree(run("evalsets", "show", "mine", "--json", "--workspace", ws).out());
        for (JsonNode v : show.get("history")) {
            if (v.get("version").asInt() == version) {
                return v.get("sha256").asText();
            }
        }
        throw new AssertionError("no version " + version);
    }
}
