package dev.ragworkbench.experiment.spec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code evalSet: { stored: NAME }}: a set kept in the workspace, named instead of its files. */
class StoredEvalSetSpecTest {

    private static final String HEAD = """
            name: t
            corpus: { format: beir, path: corpus.jsonl }
            """;
    private static final String TAIL = """
            retrieval: [ bm25 ]
            metrics: [ ndcg@10 ]
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void tinyDataset() throws IOException {
        SpecFixtures.writeTinyBeir(dir);
    }

    @Test
    void aStoredSetIsNamedAndLabelledByItsNameUnlessTheSpecGivesOne() throws Exception {
        ExperimentSpec spec = load(HEAD + "evalSet: { stored: scifact-test }\n" + TAIL);
        assertThat(spec.evalSet()).isEqualTo(new ExperimentSpec.Stored("scifact-test", "scifact-test"));
        assertThat(spec.evalSet().format()).isEqualTo("stored");
        assertThat(spec.evalSet().paths()).isEmpty();
        assertThat(spec.expand()).singleElement().satisfies(p -> assertThat(p.params())
                .containsEntry("evalSet.name", "scifact-test"));

        ExperimentSpec labelled = load(HEAD + "evalSet: { stored: scifact-test, name: sf }\n" + TAIL);
        assertThat(labelled.evalSet()).isEqualTo(new ExperimentSpec.Stored("sf", "scifact-test"));
        // without a workspace there is nothing to read it from
        assertThatThrownBy(labelled::loadEvalSet).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("scifact-test");
    }

    @Test
    void storedWithFormatOrFilesIsAProblemAtTheKeyAtFault() throws Exception {
        SpecException both = failure(HEAD + """
                evalSet:
                  stored: scifact-test
                  format: beir
                """ + TAIL);
        assertThat(both.problems()).containsExactly(new Problem(5, 3,
                "an evalSet names either a stored set ('stored') or its files ('format'), not both;"
                + " a stored set's format is known to the workspace"));

        SpecException files = failure(HEAD + """
                evalSet:
                  stored: scifact-test
                  qrels: qrels/test.tsv
                """ + TAIL);
        assertThat(files.problems()).containsExactly(new Problem(5, 3,
                "unknown key 'qrels' in a stored evalSet; expected one of: stored, name"));

        SpecException empty = failure(HEAD + "evalSet: { stored: '' }\n" + TAIL);
        assertThat(empty.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("must name a set");
        });
    }

    private ExperimentSpec load(String yaml) throws IOException, SpecException {
        Path file = dir.resolve("spec.yaml");
        Files.writeString(file, yaml);
        return ExperimentSpec.load(file);
    }

    private SpecException failure(String yaml) throws IOException {
        Path file = dir.resolve("spec.yaml");
        Files.writeString(file, yaml);
        return catchThrowableOfType(SpecException.class, () -> ExperimentSpec.load(file));
    }
}
