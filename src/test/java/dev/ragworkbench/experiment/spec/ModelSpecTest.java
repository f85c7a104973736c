package dev.ragworkbench.experiment.spec;

import dev.ragworkbench.generation.ChatProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelSpecTest {

    @TempDir
    Path dir;

    @Test
    void aTestSetSpecReadsStoredAndInlineModelsAPromptFileAndMetrics() throws Exception {
        Files.writeString(dir.resolve("items.jsonl"), "{\"instruction\": \"a\", \"output\": \"b\"}\n");
        Files.writeString(dir.resolve("tuned.jsonl"), "{\"id\": \"1\", \"output\": \"b\"}\n");
        Files.writeString(dir.resolve("prompt.txt"), "### Instruction\n{instruction}\n### Input\n{input}\n");
        Path file = Files.writeString(dir.resolve("m.yaml"), """
                name: clauses
                testSet: { path: items.jsonl, name: clauses-50 }
                models:
                  - mistral-base
                  - { name: tuned, provider: predictions, file: tuned.jsonl }
                  - { name: local, provider: ollama, baseUrl: "http://localhost:11434", model: mistral, temperature: 0, concurrency: 2, timeout: 30 }
                prompt: { file: prompt.txt }
                metrics: [ EXACT_MATCH, token_f1, json_field_accuracy ]
                sample: { n: 10 }
                """);
        var spec = (ModelRunSpec) Specs.load(file);
        assertThat(spec.testSetName()).isEqualTo("clauses-50");
        assertThat(spec.models()).extracting(ModelRunSpec.ModelRef::name).containsExactly("mistral-base", "tuned", "local");
        assertThat(spec.models().get(0).stored()).isEqualTo("mistral-base");
        assertThat(spec.models().get(1).inline().predictionsFile()).isEqualTo(dir.resolve("tuned.jsonl").toRealPath());
        var local = spec.models().get(2).inline();
        assertThat(local.provider()).isEqualTo(ChatProvider.OLLAMA);
        assertThat(local.temperature()).isZero();
        assertThat(local.concurrency()).isEqualTo(2);
        assertThat(local.timeout()).hasSeconds(30);
        assertThat(spec.promptFile()).isEqualTo(dir.resolve("prompt.txt").toRealPath());
        assertThat(spec.prompt().placeholders()).containsExactlyInAnyOrder("instruction", "input");
        assertThat(spec.metrics()).containsExactly("exact_match", "token_f1", "json_field_accuracy");
        assertThat(spec.sample()).contains(new ExperimentSpec.Sample(10, ExperimentSpec.DEFAULT_SEED));
        // a spec without testSet is still a retrieval experiment
        assertThatThrownBy(() -> Specs.parse("name: x\n", dir.resolve("x.yaml"))).isInstanceOf(SpecException.class)
                .hasMessageContaining("the spec needs 'corpus'");
    }

    @Test
    void retrievalKeysBadMetricsAndBadPromptsAreReportedWithLineAndColumn() throws IOException {
        Files.writeString(dir.resolve("items.jsonl"), "{\"instruction\": \"a\", \"output\": \"b\"}\n");
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                name: bad
                corpus: { path: docs }
                testSet: { path: items.jsonl }
                models:
                  - { name: p, provider: predictions }
                  - { name: q, provider: vllm, baseUrl: "http://x", model: m }
                  - base
                  - base
                prompt: "Answer {question}"
                metrics: [ ndcg@10, exact_match ]
                retrieval: [ bm25 ]
                """);
        assertThatThrownBy(() -> Specs.load(file)).isInstanceOf(SpecException.class).satisfies(e -> {
            var messages = ((SpecException) e).problems().stream().map(p -> p.line() + ":" + p.column() + " " + p.message()).toList();
            assertThat(messages).containsExactly(
                    "2:1 'corpus' does not go with 'testSet': a test-set spec compares models item by item, without"
                            + " corpus, evalSet, chunking, embedding, retrieval or top; remove it (or remove testSet for a retrieval experiment)",
                    "5:5 model 'p': a predictions model needs 'file' (JSONL of {\"id\", \"output\"})",
                    "6:26 unknown chat-model provider 'vllm'; valid: openai, ollama, predictions",
                    "8:5 model 'base' is listed twice; give each model once",
                    "9:9 unknown placeholder {question} in the prompt; known: {input}, {instruction} (write {{ and }} for literal braces)",
                    "10:12 metric 'ndcg@10' does not score a model's output; a test-set spec takes: exact_match, token_f1,"
                            + " rouge_l, embedding_similarity, json_field_accuracy",
                    "11:1 'retrieval' does not go with 'testSet': a test-set spec compares models item by item, without"
                            + " corpus, evalSet, chunking, embedding, retrieval or top; remove it (or remove testSet for a retrieval experiment)");
        });
    }
}
