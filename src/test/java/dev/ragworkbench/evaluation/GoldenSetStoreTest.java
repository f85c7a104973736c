package dev.ragworkbench.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The workspace's golden sets in the four formats the Import pane offers, on real data: TREC topics and qrels made
 * from SciFact's test split, a Ragas file whose contexts are passages of COVID-QA articles, re-wrapped and
 * upper-cased as a copy out of another rendering would be. Each is read again by a store opened afresh.
 */
class GoldenSetStoreTest {

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

        var store = new GoldenSetStore(tmp.resolve("artifacts"), corpus -> Map.of());
        GoldenSet set = store.importTrec(topicsFile, qrelsFile);

        assertThat(set.name()).isEqualTo("scifact-test");
        assertThat(set.format()).isEqualTo("trec");
        assertThat(set.queries()).isEqualTo(30);
        assertThat(set.evalSet().queries()).containsEntry(topics.getFirst().split("\t")[0],
                topics.getFirst().split("\t")[1]);
        assertThat(set.answerSpans()).isZero();
        assertThat(new GoldenSetStore(tmp.resolve("artifacts"), corpus -> Map.of()).list()).singleElement()
                .satisfies(again -> {
                    assertThat(again.queries()).isEqualTo(30);
                    assertThat(again.judgedDocuments()).isEqualTo(set.judgedDocuments());
                });
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

        var store = new GoldenSetStore(tmp.resolve("artifacts"), corpus -> corpus.equals("covid") ? articles : Map.of());
        GoldenSet set = store.importRagas(file, "covid");

        assertThat(set.name()).isEqualTo("covid");
        assertThat(set.format()).isEqualTo("ragas");
        assertThat(set.queries()).isEqualTo(n);  // the item found nowhere is left out
        expectedDoc.forEach((q, doc) -> assertThat(set.evalSet().qrels().judgments().get(q)).containsKey(doc));
        assertThat(set.answerSpans()).isGreaterThanOrEqualTo(n);
        set.answers().forEach((doc, spans) -> spans.forEach(span -> {
            String text = articles.get(doc);
            // the span is in the article's own text, and is the context folded back
            assertThat(text.substring(span.start(), span.end())).isEqualTo(span.answer());
            assertThat(span.locateIn(text)).isEqualTo(span);
            assertThat(span.answer()).doesNotContain("\n   ");
        }));
        assertThat(new GoldenSetStore(tmp.resolve("artifacts"), corpus -> articles).list()).singleElement()
                .satisfies(again -> assertThat(again.answerSpans()).isEqualTo(set.answerSpans()));
    }

    @Test
    void aMalformedRagasFileNamesItsLineAndLeavesNothingBehind() throws Exception {
        Map<String, String> articles = covidArticles(1);
        String passage = articles.values().iterator().next().substring(200, 400);
        Path file = Files.write(tmp.resolve("broken.jsonl"), List.of(
                JSON.writeValueAsString(Map.of("question", "fine?", "ground_truth", "yes", "contexts", List.of(passage))),
                "{\"question\": \"cut off",
                JSON.writeValueAsString(Map.of("question", "also fine", "ground_truth", "yes", "contexts", List.of(passage)))));
        var store = new GoldenSetStore(tmp.resolve("artifacts"), corpus -> articles);

        assertThatThrownBy(() -> store.importRagas(file, "covid"))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("broken.jsonl").hasMessageContaining("2");
        assertThat(store.list()).isEmpty();
        assertThat(tmp.resolve("artifacts/golden-sets/broken")).doesNotExist();

        // a set whose contexts occur in none of the corpus's documents belongs to another corpus
        Path other = Files.write(tmp.resolve("other.jsonl"), List.of(JSON.writeValueAsString(Map.of(
                "question", "q", "ground_truth", "a", "contexts", List.of("nothing like this is in the article")))));
        assertThatThrownBy(() -> store.importRagas(other, "covid")).hasMessageContaining("other.jsonl")
                .hasMessageContaining("none of its 1 items");
        assertThat(store.list()).isEmpty();
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
