package dev.ragworkbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.evaluation.EvalSetReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A spec that names a stored eval set ({@code evalSet: { stored: NAME }}) scores exactly as the committed quick
 * spec that names the same files, and both runs record the same {@code evalSet.sha256}: the hash of the 50
 * sampled queries they were scored on.
 */
class StoredEvalSetRunTest {

    static final Path SCIFACT = EvalsetsCommandTest.SCIFACT;

    @TempDir
    Path dir;

    @Test
    void aStoredSetRunsLikeItsFilesAndEveryRunRecordsTheSetsHash() throws Exception {
        String ws = dir.resolve("ws").toString();
        var imported = CliTestSupport.run("evalsets", "import", "--workspace", ws, "--name", "scifact-test",
                "--format", "beir", "--dir", SCIFACT.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();

        Path spec = Files.writeString(dir.resolve("stored.yaml"), """
                name: scifact-stored
                corpus:  { format: beir, path: %s }
                evalSet: { stored: scifact-test }
                sample:  { n: 50, seed: 42 }
                retrieval: [ { kind: bm25, k1: 0.9, b: 0.4 } ]
                metrics:   [ ndcg@10, recall@100 ]
                top: 100
                """.formatted(SCIFACT.resolve("corpus.jsonl").toAbsolutePath()));
        var stored = CliTestSupport.run("run", spec.toString(), "--workspace", ws, "--json");
        assertThat(stored.exit()).as(stored.err()).isZero();
        var files = CliTestSupport.run("run", "experiments/scifact-quick.yaml", "--workspace", ws, "--json");
        assertThat(files.exit()).as(files.err()).isZero();

        JsonNode a = new ObjectMapper().readTree(stored.out()).get("runs").get(0);
        JsonNode b = new ObjectMapper().readTree(files.out()).get("runs").get(0);
        String expected = EvalSetReader.beirDirectory(SCIFACT, "test").sample(50, 42).sha256();
        assertThat(a.get("params").get("evalSet.sha256").asText()).isEqualTo(expected);
        assertThat(b.get("params").get("evalSet.sha256").asText()).isEqualTo(expected);
        assertThat(a.get("params").get("evalSet.name").asText()).isEqualTo("scifact-test");
        assertThat(a.get("metrics").get("ndcg@10").asDouble()).isEqualTo(b.get("metrics").get("ndcg@10").asDouble());

        var missing = CliTestSupport.run("run", Files.writeString(dir.resolve("missing.yaml"),
                Files.readString(spec).replace("stored: scifact-test", "stored: nothing")).toString(),
                "--workspace", ws);
        assertThat(missing.exit()).isEqualTo(Cli.BAD_INPUT);
        assertThat(missing.lastErrLine()).contains("no eval set called nothing");
    }
}
