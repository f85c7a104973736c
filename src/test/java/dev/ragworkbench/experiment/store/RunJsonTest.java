package dev.ragworkbench.experiment.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunJsonTest {

    @TempDir
    Path dir;

    @Test
    void writesOneShapeAndReadsItBack() throws Exception {
        try (var ws = Workspace.open(dir.resolve("ws"))) {
            var store = new RunStore(ws);
            var execution = store.startExecution("grid", "axes: {}", null);
            String id = store.startRunOf(execution, "bm25", Map.of("retrieval.kind", "bm25"), Map.of("owner", "ana")).id();
            store.logMetrics(id, Map.of("ndcg@10", 0.5));
            Run finished = store.finish(id);
            Run running = store.startRun(null, "lone", Map.of(), Map.of());

            Path file = Files.writeString(dir.resolve("runs.json"), RunJson.write(java.util.List.of(finished, running)));
            var tree = new ObjectMapper().readTree(file.toFile()).get("runs");
            assertThat(tree.get(0).get("experiment").asText()).isEqualTo("grid");
            assertThat(tree.get(0).get("durationMs").asLong()).isEqualTo(finished.durationMs());
            assertThat(tree.get(0).get("tags").get("owner").asText()).isEqualTo("ana");
            assertThat(tree.get(1).get("experiment").isNull()).isTrue();
            assertThat(tree.get(1).get("durationMs").isNull()).isTrue();
            assertThat(tree.get(1).get("status").asText()).isEqualTo("running");

            assertThat(RunJson.read(file)).extracting(RunJson.Entry::id).containsExactly(id, running.id());
            assertThat(RunJson.read(file).getFirst().metrics()).containsExactly(Map.entry("ndcg@10", 0.5));
        }
    }

    @Test
    void aBrokenFileIsNamedInOneSentence() throws Exception {
        Path text = Files.writeString(dir.resolve("bad.json"), "{\"runs\": [{\"id\": \"r\", \"metrics\": {\"ndcg@10\": \"high\"}}]}");
        assertThatThrownBy(() -> RunJson.read(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(text + ": metric ndcg@10 of run r is not a number");
        Path noId = Files.writeString(dir.resolve("noid.json"), "{\"runs\": [{\"name\": \"x\"}]}");
        assertThatThrownBy(() -> RunJson.read(noId)).hasMessage(noId + ": run 1 has no \"id\"");
        Path other = Files.writeString(dir.resolve("other.json"), "[1, 2]");
        assertThatThrownBy(() -> RunJson.read(other)).hasMessageContaining("has no runs");
    }
}
