package dev.ragworkbench.judging;

import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.evaluation.EvalSetFiles;
import dev.ragworkbench.evaluation.EvalSetFormat;
import dev.ragworkbench.evaluation.EvalSetStore;
import dev.ragworkbench.evaluation.MalformedFileException;
import dev.ragworkbench.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Grading and adding queries on a real H2 workspace: every change is a new version, old hashes still resolve. */
class JudgmentsTest {

    @TempDir
    Path dir;
    Workspace workspace;
    EvalSetStore store;
    Judgments judgments;

    @BeforeEach
    void open() {
        workspace = Workspace.open(dir.resolve("ws"));
        store = new EvalSetStore(workspace, corpus -> Map.of());
        judgments = new Judgments(store);
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    @Test
    void gradingAnImportedSetWritesNewVersionsAndTheImportedOneKeepsItsHash() throws Exception {
        Path topics = Files.writeString(dir.resolve("t.tsv"), "q1\tfirst query\nq2\tsecond query\n");
        Path qrels = Files.writeString(dir.resolve("q.txt"), "q1 0 d1 1\nq2 0 d5 1\n");
        EvalSet imported = store.importFiles("trec-set", new EvalSetFiles.Trec(topics, qrels), null);
        String v1 = imported.sha256();

        EvalSet graded = judgments.judge("trec-set", List.of(new Judgment("q1", "d2", 2),
                new Judgment("q2", "d1", 0), new Judgment("q1", "d1", 0)));
        assertThat(graded.qrels().judgments("q1")).containsExactlyInAnyOrderEntriesOf(Map.of("d1", 0, "d2", 2));
        assertThat(graded.format()).isEqualTo(EvalSetFormat.TREC);
        assertThat(store.versions("trec-set")).extracting(EvalSetStore.Version::version).containsExactly(1, 2);
        assertThat(store.versions("trec-set").getLast().parent()).isEqualTo(1);
        assertThat(store.versions("trec-set").getLast().note()).isEqualTo("3 judgments added");

        // the same grade again changes nothing and adds no version
        judgments.judge("trec-set", List.of(new Judgment("q1", "d2", 2)));
        assertThat(store.versions("trec-set")).hasSize(2);

        // a run scored on version 1 finds its judgments by its hash
        EvalSet old = store.get("trec-set", v1);
        assertThat(old.sha256()).isEqualTo(v1);
        assertThat(old.qrels().judgments("q1")).containsExactly(Map.entry("d1", 1));
        assertThat(store.get("trec-set", v1.substring(0, 10)).qrels()).isEqualTo(imported.qrels());

        assertThatThrownBy(() -> judgments.judge("trec-set", List.of(new Judgment("q7", "d1", 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("q7");
        assertThatThrownBy(() -> new Judgment("q1", "d1", 3)).hasMessageContaining("0 (not relevant)");
        assertThat(store.versions("trec-set")).hasSize(2);
    }

    @Test
    void aTypedQueryIsAddedWithItsFirstGradeAndPastedQueriesInOneVersion() {
        judgments.create("mine", "notes", "");
        assertThat(store.summary("mine").corpus()).isEqualTo("notes");
        assertThat(store.get("mine").format()).isEqualTo(EvalSetFormat.JUDGED);
        assertThatThrownBy(() -> judgments.create("mine", "notes", "x")).hasMessageContaining("exists already");

        EvalSet graded = judgments.grade("mine", "q1", "how do chunkers overlap", "doc-3", 2);
        assertThat(graded.queries()).containsExactly(Map.entry("q1", "how do chunkers overlap"));
        assertThat(store.versions("mine").getLast().note()).startsWith("query q1 added; judged doc-3 2");

        var added = judgments.addQueries("mine", """
                what is BM25

                how do chunkers overlap
                own-7\tdense retrieval with HNSW
                what is BM25
                """);
        assertThat(added).containsExactly(Map.entry("q2", "what is BM25"),
                Map.entry("own-7", "dense retrieval with HNSW"));
        assertThat(store.get("mine").queries().keySet()).containsExactly("q1", "q2", "own-7");
        assertThat(store.get("mine").qrels().judgments("q1")).containsEntry("doc-3", 2);
        assertThat(store.versions("mine")).hasSize(3);
        assertThat(judgments.addQueries("mine", "what is BM25\n")).isEmpty();
        assertThat(store.versions("mine")).hasSize(3);
        assertThatThrownBy(() -> judgments.addQueries("mine", "q1\ttaken id\n")).hasMessageContaining("line 1");
    }

    @Test
    void aJudgmentFileIsReadWholeAndABadLineIsNamed() throws Exception {
        Path good = Files.writeString(dir.resolve("good.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\t2\n\n# note\nq2 d9 0\n");
        assertThat(JudgmentFile.read(good)).containsExactly(new Judgment("q1", "d1", 2), new Judgment("q2", "d9", 0));
        Path bad = Files.writeString(dir.resolve("bad.tsv"), "q1\td1\t2\nq1\td2\t5\n");
        assertThatThrownBy(() -> JudgmentFile.read(bad)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("bad.tsv:2:").hasMessageContaining("not 0, 1 or 2");
        Path fields = Files.writeString(dir.resolve("fields.tsv"), "q1\td1\n");
        assertThatThrownBy(() -> JudgmentFile.read(fields)).hasMessageContaining("fields.tsv:1:");
        Path unknown = Files.writeString(dir.resolve("unknown.tsv"), "q1\td1\t1\nq5\td1\t1\n");
        assertThatThrownBy(() -> JudgmentFile.read(unknown, java.util.Set.of("q1")))
                .hasMessageContaining("unknown.tsv:2:").hasMessageContaining("no query q5");
    }
}
