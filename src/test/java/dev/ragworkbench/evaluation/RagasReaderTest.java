package dev.ragworkbench.evaluation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RagasReaderTest {

    @TempDir
    Path dir;

    static final Map<String, String> DOCS = Map.of(
            "a.md", "IL-6 levels rise\nin sepsis. Patients with high IL-6 die more often.",
            "b.md", "Vitamin D supplements do not prevent fractures in older adults.",
            "c.md", "Cats sleep most of the day. Patients with high IL-6 die more often.");

    @Test
    void derivesJudgmentsFromReferenceContextsInJsonl() throws Exception {
        Path file = dir.resolve("set.jsonl");
        Files.writeString(file, """
                {"question": "Does IL-6 rise in sepsis?", "ground_truth": "yes", "contexts": ["IL-6 levels rise in   sepsis."]}
                {"user_input": "Who dies more often?", "reference": "high IL-6", "reference_contexts": ["patients with HIGH IL-6 die more often"]}

                {"id": "v", "question": "Vitamin D and fractures?", "contexts": ["no such passage anywhere"]}
                """);
        var set = RagasReader.evalSet("ragas", file, DOCS);
        // Wrapped lines and case differences still match; the unmatched item is left out of the judged set.
        assertThat(set.queries()).containsOnlyKeys("q1", "q2");
        assertThat(set.qrels().judgments("q1")).containsOnlyKeys("a.md");
        assertThat(set.qrels().judgments("q2")).containsOnlyKeys("a.md", "c.md");
    }

    @Test
    void readsCsvWithPythonListCells() throws Exception {
        Path file = dir.resolve("set.csv");
        Files.writeString(file, """
                question,ground_truth,contexts
                "Does vitamin D prevent fractures?",no,"['Vitamin D supplements do not prevent fractures', 'Cats sleep']"
                """);
        var items = RagasReader.read(file);
        assertThat(items).singleElement().satisfies(i -> {
            assertThat(i.contexts()).containsExactly("Vitamin D supplements do not prevent fractures", "Cats sleep");
            assertThat(i.line()).isEqualTo(2);
        });
        var set = RagasReader.evalSet("csv", file, DOCS);
        assertThat(set.qrels().judgments("q1")).containsOnlyKeys("b.md", "c.md");
    }

    @Test
    void namesTheFileAndLineOfABadItem() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"question\": \"ok\", \"contexts\": [\"IL-6\"]}\n{\"question\": \"no contexts\"}\n");
        assertThatThrownBy(() -> RagasReader.read(file)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("bad.jsonl:2").hasMessageContaining("no reference contexts");
        Files.writeString(file, "{\"question\": \"x\", \"contexts\": [\"nowhere at all\"]}\n");
        assertThatThrownBy(() -> RagasReader.evalSet("x", file, DOCS))
                .hasMessageContaining("occurs in any of the corpus's 3 documents");
    }
}
