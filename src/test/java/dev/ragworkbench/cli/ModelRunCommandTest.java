package dev.ragworkbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.ragworkbench.cli.CliTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code run} on a test-set spec, and {@code runs compare} on its two model runs, as a user types them. */
class ModelRunCommandTest {

    @TempDir
    Path dir;

    @Test
    void runGivesItemCountsAndCompareGivesTheFlipsByItemId() throws Exception {
        Files.writeString(dir.resolve("items.jsonl"), """
                {"id": "a", "instruction": "1+1?", "output": "2"}
                {"id": "b", "instruction": "2+2?", "output": "4"}
                {"id": "c", "instruction": "3+3?", "output": "6"}
                """);
        Files.writeString(dir.resolve("base.jsonl"), "{\"id\": \"a\", \"output\": \"2\"}\n{\"id\": \"b\", \"output\": \"5\"}\n");
        Files.writeString(dir.resolve("tuned.jsonl"), "{\"id\": \"a\", \"output\": \"3\"}\n{\"id\": \"b\", \"output\": \"4\"}\n"
                + "{\"id\": \"c\", \"output\": \"6\"}\n");
        Path spec = Files.writeString(dir.resolve("m.yaml"), """
                name: sums
                testSet: { path: items.jsonl }
                models:
                  - { name: base, provider: predictions, file: base.jsonl }
                  - { name: tuned, provider: predictions, file: tuned.jsonl }
                metrics: [ exact_match, rouge_l ]
                """);
        String ws = dir.resolve("ws").toString();
        var result = run("run", spec.toString(), "--workspace", ws, "--json", "--fresh");
        assertThat(result.exit()).as(result.err()).isZero();
        JsonNode runs = new ObjectMapper().readTree(result.out()).path("runs");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).path("name").asText()).isEqualTo("base");
        assertThat(runs.get(0).path("items").path("total").asInt()).isEqualTo(3);
        assertThat(runs.get(0).path("items").path("failed").asInt()).isEqualTo(1);
        assertThat(runs.get(0).path("metrics").path("exact_match").asDouble()).isEqualTo(0.5);
        assertThat(runs.get(1).path("items").path("failed").asInt()).isZero();
        assertThat(result.out()).doesNotContain("NaN");

        var table = run("run", spec.toString(), "--workspace", ws);
        assertThat(table.exit()).isZero();
        assertThat(table.out()).contains("items").contains("failed").contains("base").contains("tuned");

        var compare = run("runs", "compare", runs.get(0).path("id").asText(), runs.get(1).path("id").asText(),
                "--workspace", ws, "--json");
        assertThat(compare.exit()).as(compare.err()).isZero();
        JsonNode em = new ObjectMapper().readTree(compare.out()).path("metrics").path("exact_match");
        assertThat(em.path("paired").asInt()).isEqualTo(2);
        assertThat(em.path("excluded").asInt()).isEqualTo(1);
        assertThat(em.path("rightToWrong")).extracting(JsonNode::asText).containsExactly("a");
        assertThat(em.path("wrongToRight")).extracting(JsonNode::asText).containsExactly("b");
        assertThat(em.path("mcnemarP").asDouble()).isEqualTo(1.0);
    }

    @Test
    void aMalformedTestSetLineOrAnUnknownModelExitsWithTwo() throws Exception {
        Files.writeString(dir.resolve("items.jsonl"), "{\"instruction\": \"a\", \"output\": \"b\"}\n{\"instruction\": 3}\n");
        Path spec = Files.writeString(dir.resolve("m.yaml"), """
                name: broken
                testSet: { path: items.jsonl }
                models: [ nowhere ]
                metrics: [ exact_match ]
                """);
        String ws = dir.resolve("ws").toString();
        var bad = run("run", spec.toString(), "--workspace", ws);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("items.jsonl:2: \"instruction\" must be a string");

        Files.writeString(dir.resolve("items.jsonl"), "{\"instruction\": \"a\", \"output\": \"b\"}\n");
        var unknown = run("run", spec.toString(), "--workspace", ws);
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no stored model nowhere in this workspace");
    }
}
