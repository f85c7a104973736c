package dev.ragworkbench.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The workspace's eval sets in the four formats the Import pane offers, on real data: TREC topics and qrels made
 * from SciFact's test split, a Ragas file whose contexts are passages of COVID-QA articles, re-wrapped and
 * upper-cased as a copy out of another rendering would be. Each is read again from the database by a store on a
 * workspace opened afresh.
 */
class EvalSetStoreTest {

    static final Path DATA = Path.of(System.getProperty("ragworkbench.shared.data", "../shared/data"));
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void trecTopicsAndQrelsKeepTheJudgedTopicsAndReadAgain() throws Exception {
        // the first 30 judged queries of SciFact's test split, as TREC topics (TSV) and TREC qrels
        var qrels = new LinkedHashMap<String, List<String>>();
        for (String line : Files.readAllLines(DATA.resolve("scifact/qrels/test.tsv")).subList(1, 60)) {
            String[] f = line.split("\t");
            if (qrels.size() < 30 || qrels.containsKey(f[0])) {
                qrels.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f[0] + " 0 " + f[1] + " " + f[2]);
            }
        }
        var queries = new LinkedHashMap<String, String>();
        for (String line : Files.readAllLines(DATA.resolve("scifact/queries.jsonl"))) {
            JsonNode q = JSON.readTree(line);
            queries.put(q.get("_id").asText(), q.get("text").asText());
        }
        var topics = new ArrayList<String>();
        qrels.keySet().forEach(id -> topics.add(id + "\t" + queries.get(id)));
        topics.add("999999\tan unjudged topic, left out");
        Path topicsFile = Files.write(tmp.resolve("scifact-test.topics.tsv"), topics);
        Path qrelsFile = Files.write(tmp.resolve("scifact-test.qrels"),
                qrels.values().stream().flatMap(List::stream).toList());

        EvalSet set;
        try (var ws = Workspace.open(tmp.resolve("ws"))) {
            set = new EvalSetStore(ws, corpus -> Map.of()).importTrec(topicsFile, qrelsFile);
        }

        assertThat(set.name()).isEqualTo("scifact-test");
        assertThat(set.format()).isEqualTo(EvalSetFormat.TREC);
        assertThat(set.size()).isEqualTo(30);
        assertThat(set.queries()).containsEntry(topics.getFirst().split("\t")[0],
                topics.getFirst().split("\t")[1]);
        assertThat(set.answerSpans()).isZero();
        try (var ws = Workspace.open(tmp.resolve("ws"))) {
            assertThat(new EvalSetStore(ws, corpus -> Map.of()).list()).singleElement().satisfies(again -> {
                assertThat(again).isEqualTo(set);
                assertThat(again.sha256()).isEqualTo(set.sha256());
                assertThat(again.judgedDocuments()).isEqualTo(set.judgedDocuments());
            });
        }
    }

    @Test
    void ragasContextsFindTheirArticlesAndBecomeEvidenceSpansInTheArticlesText() throws Exception {
        Map<String, String> articles = covidArticles(4);
        var lines = new ArrayList<String>();
        var expectedDoc = new LinkedHashMap<String, String>();
        int n = 0;
        for (var article : articles.entrySet()) {
            String text = article.getValue();
            for (int k = 0; k < 3; k++) {
                // a passage from the middle of the article, wrapped differently and shouted
                int from = text.indexOf(' ', text.length() / 4 + k * 900) + 1;
                String passage = text.substring(from, text.indexOf(' ', from + 300));
                String copied = passage.replace(" ", "\n   ").toUpperCase(Locale.ROOT);
                String id = "q" + (++n);
                expectedDoc.put(id, article.getKey());
                lines.add(JSON.writeValueAsString(Map.of("id", id, "question", "What does passage " + n + " say?",
                        "ground_truth", "something", "contexts", List.of(copied))));
            }
        }
        lines.add(JSON.writeValueAsString(Map.of("id", "elsewhere", "question", "Not in this corpus?",
                "ground_truth", "no", "contexts", List.of("a sentence that occurs in none of these articles"))));
        Path file = Files.write(tmp.resolve("covid.ragas.jsonl"), lines);

        EvalSet set;
        try (var ws = Workspace.open(tmp.resolve("ws"))) {
            set = new EvalSetStore(ws, corpus -> corpus.equals("covid") ? articles : Map.of()).importRagas(file, "covid");
        }

        assertThat(set.name()).isEqualTo("covid");
        assertThat(set.format()).isEqualTo(EvalSetFormat.RAGAS);
        assertThat(set.size()).isEqualTo(n);  // the item found nowhere is left out
        expectedDoc.forEach((q, doc) -> assertThat(set.qrels().judgments().get(q)).containsKey(doc));
        // the reference answer and contexts are kept for the answer metrics
        assertThat(set.reference("q1").answer()).isEqualTo("something");
        assertThat(set.reference("q1").contexts()).singleElement().asString().contains("\n   ");
        assertThat(set.answerSpans()).isGreaterThanOrEqualTo(n);
        set.answers().forEach((doc, spans) -> spans.forEach(span -> {
            String text = articles.get(doc);
            // the span is in the article's own text, and is the context folded back
            assertThat(text.substring(span.start(), span.end())).isEqualTo(span.answer());
            assertThat(span.locateIn(text)).isEqualTo(span);
            assertThat(span.answer()).doesNotContain("\n   ");
        }));
        try (var ws = Workspace.open(tmp.resolve("ws"))) {
            assertThat(new EvalSetStore(ws, corpus -> articles).list()).singleElement().satisfies(again -> {
                assertThat(again.answerSpans()).isEqualTo(set.answerSpans());
                assertThat(again.answers()).isEqualTo(set.answers());
                assertThat(again.references()).isEqualTo(set.references());
                assertThat(again.sha256()).isEqualTo(set.sha256());
            });
        }
    }

    @Test
    void aMalformedRagasFileNamesItsLineAndLeavesNothingBehind() throws Exception {
        Map<String, String> articles = covidArticles(1);
        String passage = articles.values().iterator().next().substring(200, 400);
        Path file = Files.write(tmp.resolve("broken.jsonl"), List.of(
                JSON.writeValueAsString(Map.of("question", "fine?", "ground_truth", "yes", "contexts", List.of(passage))),
                "{\"question\": \"cut off",
                JSON.writeValueAsString(Map.of("question", "also fine", "ground_truth", "yes", "contexts", List.of(passage)))));
        var ws = Workspace.open(tmp.resolve("ws"));
        var store = new EvalSetStore(ws, corpus -> articles);

        assertThatThrownBy(() -> store.importRagas(file, "covid"))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("broken.jsonl").hasMessageContaining("2");
        assertThat(store.list()).isEmpty();

        // a set whose contexts occur in none of the corpus's documents belongs to another corpus
        Path other = Files.write(tmp.resolve("other.jsonl"), List.of(JSON.writeValueAsString(Map.of(
                "question", "q", "ground_truth", "a", "contexts", List.of("nothing like this is in the article")))));
        assertThatThrownBy(() -> store.importRagas(other, "covid")).hasMessageContaining("other.jsonl")
                .hasMessageContaining("none of its 1 items");
        assertThat(store.list()).isEmpty();
        ws.close();
    }

    @Test
    void aNameImportedAgainOrGradedGetsANewVersionAndEarlierVersionsStay() throws Exception {
        Path topics = Files.writeString(tmp.resolve("t.tsv"), "q1\tfirst query\nq2\tsecond query\n");
        Path qrels = Files.writeString(tmp.resolve("t.qrels"), "q1 0 d1 1\nq2 0 d2 2\n");
        Path qrels2 = Files.writeString(tmp.resolve("t2.qrels"), "q1 0 d1 1\nq2 0 d2 1\n");
        try (var ws = Workspace.open(tmp.resolve("ws"))) {
            var store = new EvalSetStore(ws, corpus -> Map.of());
            EvalSet v1 = store.importFiles("tiny", new EvalSetFiles.Trec(topics, qrels), null);
            // the same content again adds no version
            store.importFiles("tiny", new EvalSetFiles.Trec(topics, qrels), null);
            assertThat(store.versions("tiny")).singleElement().satisfies(v -> {
                assertThat(v.version()).isEqualTo(1);
                assertThat(v.parent()).isNull();
                assertThat(v.sha256()).isEqualTo(v1.sha256());
            });
            EvalSet v2 = store.importFiles("tiny", new EvalSetFiles.Trec(topics, qrels2), null);
            assertThat(v2.sha256()).isNotEqualTo(v1.sha256());

            // grading: d3 judged for q1, d2 regraded for q2; a new version on top of version 2
            EvalSet v3 = store.addJudgments("tiny", Qrels.of(Map.of("q1", Map.of("d3", 2), "q2", Map.of("d2", 0))),
                    null);
            assertThat(v3.qrels().judgments("q1")).containsEntry("d1", 1).containsEntry("d3", 2);
            assertThat(v3.qrels().judgments("q2")).containsExactlyEntriesOf(Map.of("d2", 0));
            assertThat(store.versions("tiny")).extracting(EvalSetStore.Version::version, EvalSetStore.Version::parent)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, null),
                            org.assertj.core.groups.Tuple.tuple(2, 1), org.assertj.core.groups.Tuple.tuple(3, 2));
            assertThat(store.get("tiny")).isEqualTo(v3);
            assertThat(store.get("tiny", "1")).isEqualTo(v1);
            assertThat(store.get("tiny", v2.sha256().substring(0, 10))).isEqualTo(v2);
            assertThat(store.get("tiny", "1").sha256()).isEqualTo(v1.sha256());
            assertThatThrownBy(() -> store.addJudgments("tiny", Qrels.of(Map.of("q9", Map.of("d1", 1))), null))
                    .hasMessageContaining("q9");
            assertThatThrownBy(() -> store.importFiles("tiny", new EvalSetFiles.Squad(tmp.resolve("t.tsv")), null))
                    .isInstanceOf(MalformedFileException.class).hasMessageContaining("t.tsv");
            assertThat(store.versions("tiny")).hasSize(3);

            store.delete("tiny");
            assertThat(store.list()).isEmpty();
            assertThat(store.find("tiny")).isEmpty();
            assertThatThrownBy(() -> store.delete("tiny")).hasMessageContaining("no eval set called tiny");
        }
    }

    @Test
    void theHashIsTheContentNotTheName() throws Exception {
        EvalSet test = EvalSetReader.beirDirectory(ReadersTest.SCIFACT, "test");
        assertThat(test.withName("other").sha256()).isEqualTo(test.sha256());
        assertThat(test.sample(299, 1).sha256()).isNotEqualTo(test.sha256());
        // the same judgments read from BEIR and from TREC files are one version
        Path trec = EvalSetExport.write(test, EvalSetExport.Format.TREC, tmp.resolve("trec")).getLast();
        assertThat(EvalSetReader.trec("x", tmp.resolve("trec/topics.tsv"), trec).sha256()).isEqualTo(test.sha256());
        assertThat(test.sha256()).matches("[0-9a-f]{64}");
    }

    @Test
    void setsKeptAsFilesByAnEarlierBuildAreMigratedOnFirstOpen() throws Exception {
        Path ws = tmp.resolve("ws");
        Path legacy = Files.createDirectories(ws.resolve("artifacts/golden-sets"));
        Files.createDirectories(legacy.resolve("tiny"));
        Files.writeString(legacy.resolve("tiny/topics.tsv"), "q1\tfirst query\nq2\tsecond query\n");
        Files.writeString(legacy.resolve("tiny/qrels.txt"), "q1 0 d1 1\nq2 0 d2 2\n");
        Files.createDirectories(legacy.resolve("qa"));
        Files.writeString(legacy.resolve("qa/squad.json"), JSON.writeValueAsString(Map.of("data", List.of(Map.of(
                "paragraphs", List.of(Map.of("document_id", "doc-1", "context", "Masks reduce spread.",
                        "qas", List.of(Map.of("id", "a1", "question", "What reduces spread?",
                                "answers", List.of(Map.of("text", "Masks", "answer_start", 0)))))))))));
        Files.writeString(legacy.resolve("golden-sets.json"),
                "[{\"name\":\"tiny\",\"format\":\"trec\"},{\"name\":\"qa\",\"format\":\"squad\"}]");

        try (var w = Workspace.open(ws)) {
            var sets = new EvalSetStore(w, corpus -> Map.of()).list();
            assertThat(sets).extracting(EvalSet::name).containsExactly("tiny", "qa");
            assertThat(sets.getFirst().qrels().judgmentCount()).isEqualTo(2);
            assertThat(sets.get(1).answerSpans()).isEqualTo(1);
            assertThat(sets.get(1).reference("a1").answer()).isEqualTo("Masks");
        }
        // nothing lost: the files stay, the list is set aside, and a second open lists the same sets once
        assertThat(legacy.resolve("golden-sets.json")).doesNotExist();
        assertThat(legacy.resolve("golden-sets.json.migrated")).exists();
        assertThat(legacy.resolve("tiny/qrels.txt")).exists();
        try (var w = Workspace.open(ws)) {
            assertThat(new EvalSetStore(w, corpus -> Map.of()).list()).extracting(EvalSet::name)
                    .containsExactly("tiny", "qa");
        }
    }

    /** The first {@code count} COVID-QA articles, id → text, as the SQuAD file gives them. */
    private static Map<String, String> covidArticles(int count) throws IOException {
        JsonNode data = JSON.readTree(DATA.resolve("covid-qa/200423_covidQA.json").toFile()).path("data");
        var articles = new LinkedHashMap<String, String>();
        for (int i = 0; i < count; i++) {
            JsonNode paragraph = data.get(i).path("paragraphs").get(0);
            articles.put(paragraph.path("document_id").asText(), paragraph.path("context").asText());
        }
        return articles;
    }
}
