package dev.ragworkbench.experiment.spec;

import dev.ragworkbench.generation.ChatProvider;
import dev.ragworkbench.generation.PromptTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The answer keys of a retrieval spec: models, prompt (with contextTop) and judge, read and checked. */
class AnswerSpecTest {

    private static final String HEAD = """
            name: t
            corpus: { format: beir, path: corpus.jsonl }
            evalSet: { format: squad, path: qa.squad.json }
            retrieval: [ bm25 ]
            metrics: [ ndcg@10 ]
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void data() throws Exception {
        SpecFixtures.writeTinyBeir(dir);
        Files.writeString(dir.resolve("qa.squad.json"), "{\"data\": []}");
    }

    private ExperimentSpec parse(String yaml) throws SpecException {
        return ExperimentSpec.parse(yaml, dir.resolve("spec.yaml"));
    }

    @Test
    void withoutModelsThereAreNoAnswers() throws Exception {
        assertThat(parse(HEAD).answers()).isEmpty();
    }

    @Test
    void modelsAloneTakeTheDefaultPromptFiveChunksAndNoJudge() throws Exception {
        var answers = parse(HEAD + """
                models:
                  - stored-one
                  - { name: local, provider: ollama, baseUrl: 'http://localhost:11434', model: llama3 }
                """).answers().orElseThrow();
        assertThat(answers.models()).extracting(m -> m.ref().name()).containsExactly("stored-one", "local");
        assertThat(answers.models().getFirst()).satisfies(m -> {
            assertThat(m.ref().stored()).isEqualTo("stored-one");
            assertThat(m.line()).isEqualTo(7);
            assertThat(m.column()).isEqualTo(5);
        });
        assertThat(answers.models().get(1).ref().inline().provider()).isEqualTo(ChatProvider.OLLAMA);
        assertThat(answers.prompt().text()).isEqualTo(PromptTemplate.DEFAULT_RAG_TEXT);
        assertThat(answers.prompt().placeholders()).containsExactlyInAnyOrder("question", "context");
        assertThat(answers.contextTop()).isEqualTo(AnswerSetup.DEFAULT_CONTEXT_TOP);
        assertThat(answers.judge()).isEmpty();
    }

    @Test
    void aPromptFileContextTopAndAJudgeAreRead() throws Exception {
        Files.writeString(dir.resolve("rag.txt"), "Use only:\n{context}\n\nQ: {question}\nA:");
        var answers = parse(HEAD + """
                models: [ m ]
                prompt: { file: rag.txt, contextTop: 8 }
                judge: { model: critic, questions: 5 }
                """).answers().orElseThrow();
        assertThat(answers.prompt().text()).startsWith("Use only:");
        assertThat(answers.promptFile()).isEqualTo(dir.resolve("rag.txt").toRealPath());
        assertThat(answers.contextTop()).isEqualTo(8);
        assertThat(answers.judge().orElseThrow().model().ref().stored()).isEqualTo("critic");
        assertThat(answers.judge().orElseThrow().questions()).isEqualTo(5);
        assertThat(parse(HEAD + "models: [ m ]\njudge: critic\n").answers().orElseThrow().judge().orElseThrow()
                .questions()).isEqualTo(AnswerSetup.DEFAULT_QUESTIONS);
    }

    @Test
    void everyProblemOfTheAnswerKeysIsReportedAtItsNode() {
        var e = catchThrowableOfType(SpecException.class, () -> parse(HEAD + """
                models: [ m, m ]
                prompt: { template: "{input}", contextTop: -1, colour: red }
                judge: { model: j, questions: 0 }
                """));
        assertThat(e.problems()).extracting(Problem::message).containsExactlyInAnyOrder(
                "model 'm' is listed twice; give each model once",
                "unknown key 'colour' in prompt; expected one of: template, file, contextTop",
                "unknown placeholder {input} in the prompt; known: {context}, {question} (write {{ and }} for literal braces)",
                "contextTop (chunks in {context}) must be between 1 and 1000, got -1",
                "judge questions must be between 1 and 20, got 0");
        assertThat(e.problems()).extracting(Problem::line).containsOnly(6, 7, 8);
    }

    @Test
    void modelsNeedAnEvalSetWithReferenceAnswers() {
        var e = catchThrowableOfType(SpecException.class, () -> parse(HEAD.replace(
                "{ format: squad, path: qa.squad.json }",
                "{ format: beir, queries: queries.jsonl, qrels: qrels/test.tsv }") + "models: [ m ]\n"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.message()).startsWith("'models' answer the queries and are scored against reference answers,"
                    + " which a beir eval set does not have");
        });
    }
}
