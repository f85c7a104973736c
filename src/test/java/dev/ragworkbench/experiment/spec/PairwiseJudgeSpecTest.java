package dev.ragworkbench.experiment.spec;

import dev.ragworkbench.generation.judge.PairwisePrompt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code judge: { model, pairwise: true, rubric | rubricFile }} in a test-set spec, and its mistakes by line. */
class PairwiseJudgeSpecTest {

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("items.jsonl"), "{\"instruction\": \"a\", \"output\": \"b\"}\n");
        Files.writeString(dir.resolve("rubric.md"), "Prefer the shorter correct answer.\n");
    }

    private ModelRunSpec read(String judge) throws Exception {
        return (ModelRunSpec) Specs.parse("""
                name: pair
                testSet: { path: items.jsonl }
                models: [ base, tuned ]
                metrics: [ exact_match ]
                judge: %s
                """.formatted(judge), dir.resolve("m.yaml"));
    }

    @Test
    void aJudgeTakesAStoredModelAndAnInlineRubricAFileOrTheDefault() throws Exception {
        var inline = read("{ model: qwen-judge, pairwise: true, rubric: \"Prefer facts.\" }").judge().orElseThrow();
        assertThat(inline.model()).isEqualTo("qwen-judge");
        assertThat(inline.rubric()).isEqualTo("Prefer facts.");
        assertThat(inline.rubricFile()).isNull();

        var file = read("{ model: qwen-judge, pairwise: true, rubricFile: rubric.md }").judge().orElseThrow();
        assertThat(file.rubric()).isEqualTo("Prefer the shorter correct answer.\n");
        assertThat(file.rubricFile()).isEqualTo(dir.resolve("rubric.md").toRealPath());

        var plain = read("{ model: qwen-judge, pairwise: true }").judge().orElseThrow();
        assertThat(plain.rubric()).isEqualTo(PairwisePrompt.DEFAULT_RUBRIC);

        var none = (ModelRunSpec) Specs.parse("name: x\ntestSet: { path: items.jsonl }\nmodels: [ a ]\nmetrics: [ exact_match ]\n",
                dir.resolve("x.yaml"));
        assertThat(none.judge()).isEmpty();
    }

    @Test
    void aJudgeWithoutPairwiseWithBothRubricsOrBesideThreeModelsIsReportedAtItsNode() throws Exception {
        assertThat(problems("{ model: j }")).containsExactly(
                "5:8 a test-set spec's judge compares the two models' outputs pair by pair: write 'pairwise: true'");
        assertThat(problems("{ model: j, pairwise: yes-please }")).containsExactly(
                "5:30 a test-set spec's judge compares the two models' outputs pair by pair: write 'pairwise: true'");
        assertThat(problems("{ model: j, pairwise: true, rubric: x, rubricFile: rubric.md, colour: red }")).containsExactlyInAnyOrder(
                "5:70 unknown key 'colour' in judge; expected one of: model, pairwise, rubric, rubricFile",
                "5:8 judge takes 'rubric' (the text) or 'rubricFile' (a file holding it), not both");
        assertThat(problems("{ pairwise: true, rubric: \"  \" }")).containsExactly(
                "5:8 judge needs 'model'", "5:34 the rubric is empty; leave it out for the default rubric");
        assertThat(problems("{ model: j, pairwise: true, rubricFile: nope.md }")).singleElement().asString()
                .startsWith("5:48 rubric file 'nope.md' does not exist");

        Path three = Files.writeString(dir.resolve("three.yaml"), """
                name: three
                testSet: { path: items.jsonl }
                models: [ a, b, c ]
                metrics: [ exact_match ]
                judge: { model: j, pairwise: true }
                """);
        assertThatThrownBy(() -> Specs.load(three)).isInstanceOf(SpecException.class)
                .hasMessageContaining("three.yaml:5:8: a pairwise judge compares exactly two models; 'models' lists 3");
    }

    private List<String> problems(String judge) {
        try {
            read(judge);
        } catch (SpecException e) {
            return e.problems().stream().map(p -> p.line() + ":" + p.column() + " " + p.message()).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no problem reported for " + judge);
    }
}
