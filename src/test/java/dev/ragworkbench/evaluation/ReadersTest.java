package dev.ragworkbench.evaluation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadersTest {

    static final Path DATA = Path.of(System.getProperty("ragworkbench.shared.data", "../shared/data"));
    static final Path SCIFACT = DATA.resolve("scifact");

    @TempDir
    Path dir;

    @Test
    void readsSciFactTestSplit() throws IOException {
        Qrels qrels = QrelsReader.readBeir(SCIFACT.resolve("qrels/test.tsv"));
        assertThat(qrels.queryCount()).isEqualTo(300);
        assertThat(qrels.judgmentCount()).isEqualTo(339);
        assertThat(qrels.judgments("1")).containsEntry("31715818", 1);
        // auto-detection gives the same
        assertThat(QrelsReader.read(SCIFACT.resolve("qrels/test.tsv"))).isEqualTo(qrels);
    }

    @Test
    void beirSetKeepsOnlyQueriesJudgedInThatSplit() throws IOException {
        EvalSet test = EvalSetReader.beirDirectory(SCIFACT, "test");
        assertThat(test.name()).isEqualTo("scifact/test");
        assertThat(test.size()).isEqualTo(300);
        assertThat(test.queries().keySet()).isEqualTo(test.qrels().queryIds());
        assertThat(test.queries().get("1")).isEqualTo("0-dimensional biomaterials show inductive properties.");
        // queries.jsonl holds 1,109 queries; train has 809 of them
        EvalSet train = EvalSetReader.beirDirectory(SCIFACT, "train");
        assertThat(train.size()).isEqualTo(809);
        assertThat(train.queries().keySet()).doesNotContainAnyElementsOf(test.queries().keySet());
    }

    @Test
    void sampleAndSplitAreReproducibleAndKeepFileOrder() throws IOException {
        EvalSet test = EvalSetReader.beirDirectory(SCIFACT, "test");
        EvalSet a = test.sample(50, 7);
        assertThat(a.size()).isEqualTo(50);
        assertThat(a.qrels().queryIds()).isEqualTo(a.queries().keySet());
        assertThat(test.sample(50, 7)).isEqualTo(a);
        assertThat(test.sample(50, 8).queries().keySet()).isNotEqualTo(a.queries().keySet());
        var fileOrder = test.queries().keySet().stream().filter(a.queries()::containsKey).toList();
        assertThat(a.queries().keySet()).containsExactlyElementsOf(fileOrder);
        assertThat(test.sample(1000, 7)).isSameAs(test);

        EvalSet.Split split = test.split(0.2, 3);
        assertThat(split.first().size()).isEqualTo(60);
        assertThat(split.second().size()).isEqualTo(240);
        assertThat(split.first().queries().keySet()).doesNotContainAnyElementsOf(split.second().queries().keySet());
    }

    @Test
    void trecQrelsWithCommentsAndMixedWhitespace() throws IOException {
        Path f = write("qrels.txt", """
                # comment
                101 0 docA 2
                101\t0\tdocB   0

                102  Q0 docC 1
                """);
        Qrels q = QrelsReader.readTrec(f);
        assertThat(q.judgments("101")).containsExactly(java.util.Map.entry("docA", 2), java.util.Map.entry("docB", 0));
        assertThat(q.relevantCount("101")).isEqualTo(1);
        assertThat(QrelsReader.read(f)).isEqualTo(q);
    }

    @Test
    void malformedQrelsNameFileAndLine() throws IOException {
        Path trec = write("bad.qrels", "1 0 d1 1\n1 0 d2 1\n1 0 d3\n");
        assertThatThrownBy(() -> QrelsReader.readTrec(trec)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("bad.qrels:3:").hasMessageContaining("expected 4")
                .satisfies(e -> assertThat(((MalformedFileException) e).line()).isEqualTo(3));
        Path grade = write("bad.tsv", "query-id\tcorpus-id\tscore\n1\td1\t1\n2\td2\tyes\n");
        assertThatThrownBy(() -> QrelsReader.readBeir(grade))
                .hasMessageContaining("bad.tsv:3:").hasMessageContaining("'yes' is not an integer");
        Path dup = write("dup.tsv", "query-id\tcorpus-id\tscore\n1\td1\t1\n1\td1\t0\n");
        assertThatThrownBy(() -> QrelsReader.readBeir(dup))
                .hasMessageContaining("dup.tsv:3:").hasMessageContaining("first on line 2");
        Path fields = write("fields.tsv", "query-id\tcorpus-id\tscore\n1\td1\n");
        assertThatThrownBy(() -> QrelsReader.readBeir(fields)).hasMessageContaining("fields.tsv:2:");
    }

    @Test
    void trecTopicsAsTsvOrJsonl() throws IOException {
        Path qrels = write("q.qrels", "1 0 d1 1\n3 0 d3 0\n");
        Path tsv = write("topics.tsv", "qid\ttext\n1\tfirst query\n2\tunjudged query\n3\tthird\n");
        EvalSet set = EvalSetReader.trec("t", tsv, qrels);
        assertThat(set.queries()).containsExactly(java.util.Map.entry("1", "first query"),
                java.util.Map.entry("3", "third"));
        Path jsonl = write("topics.jsonl", "{\"_id\":\"1\",\"text\":\"first query\"}\n{\"_id\":\"3\",\"text\":\"third\"}\n");
        assertThat(EvalSetReader.trec("t", jsonl, qrels)).isEqualTo(set);
    }

    @Test
    void malformedTopicsNameFileAndLine() throws IOException {
        Path qrels = write("q.qrels", "1 0 d1 1\n");
        Path badJson = write("topics.jsonl", "{\"_id\":\"1\",\"text\":\"ok\"}\n{\"_id\":\"2\", text}\n");
        assertThatThrownBy(() -> EvalSetReader.trec("t", badJson, qrels))
                .hasMessageContaining("topics.jsonl:2:").hasMessageContaining("not valid JSON");
        Path noText = write("q2.jsonl", "{\"_id\":\"1\"}\n");
        assertThatThrownBy(() -> EvalSetReader.beir("t", noText, qrels)).hasMessageContaining("q2.jsonl:1:");
        Path dupTsv = write("dup.tsv", "1\ta\n1\tb\n");
        assertThatThrownBy(() -> EvalSetReader.trec("t", dupTsv, qrels))
                .hasMessageContaining("dup.tsv:2:").hasMessageContaining("appears twice");
        Path missing = write("other.tsv", "9\tnine\n");
        assertThatThrownBy(() -> EvalSetReader.trec("t", missing, qrels))
                .hasMessageContaining("query '1' is judged but absent");
    }

    @Test
    void squadQuestionsPointAtTheirArticle() throws IOException {
        EvalSet covid = EvalSetReader.squad("covid-qa", DATA.resolve("covid-qa/200423_covidQA.json"));
        assertThat(covid.size()).isEqualTo(1380);
        assertThat(covid.qrels().judgmentCount()).isEqualTo(1380);
        assertThat(covid.queries().get("262")).isEqualTo("What is the main cause of HIV-1 infection in children?");
        assertThat(covid.qrels().judgments("262")).containsExactly(java.util.Map.entry("630", 1));
        long articles = covid.qrels().judgments().values().stream()
                .flatMap(m -> m.keySet().stream()).distinct().count();
        assertThat(articles).isEqualTo(98);
    }

    @Test
    void squadWithoutDocumentIdUsesArticleAndParagraphIndex() throws IOException {
        Path f = write("squad.json", """
                {"data":[{"title":"T","paragraphs":[
                  {"context":"c0","qas":[{"id":"a","question":"Q a?","answers":[]}]},
                  {"context":"c1","qas":[{"id":"b","question":"Q b?","answers":[]},
                                         {"id":"c","question":"Q c?","is_impossible":true,"answers":[]}]}]}]}
                """);
        EvalSet set = EvalSetReader.squad("s", f);
        assertThat(set.queries().keySet()).containsExactly("a", "b");
        assertThat(set.qrels().judgments("b")).containsOnlyKeys("0-1");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
