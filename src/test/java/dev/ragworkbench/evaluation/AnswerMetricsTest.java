package dev.ragworkbench.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.embedding.Embedder;
import dev.ragworkbench.embedding.Embedders;
import dev.ragworkbench.progress.Cancellation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The answer metrics on hand-worked cases and on COVID-QA's answers against themselves and their variants. */
class AnswerMetricsTest {

    static final Path COVID_QA = Path.of(System.getProperty("ragworkbench.shared.data", "../shared/data"),
            "covid-qa", "200423_covidQA.json");

    @Test
    void normalisationIsSquads() {
        assertThat(SquadText.normalize("The  Cat's (big) hat!")).isEqualTo("cats big hat");
        assertThat(SquadText.normalize("An apple, a day")).isEqualTo("apple day");
        // articles only as whole words; "theory" and "another" keep theirs
        assertThat(SquadText.normalize("another theory")).isEqualTo("another theory");
        assertThat(SquadText.exactMatch("the Eiffel Tower.", "Eiffel tower")).isEqualTo(1);
        assertThat(SquadText.exactMatch("Eiffel Towers", "Eiffel tower")).isEqualTo(0);
    }

    @Test
    void tokenF1AndRougeLByHand() {
        // pred: [cat, sat, on, mat]; gold: [cat, sat, mat] → 3 common; P = 3/4, R = 1 → F1 = 6/7
        assertThat(SquadText.tokenF1("The cat sat on the mat", "a cat sat mat")).isCloseTo(6.0 / 7, within(1e-12));
        // bags ignore order, LCS does not: pred [mat, sat, cat] vs gold [cat, sat, mat] → common 3, LCS 1
        assertThat(SquadText.tokenF1("mat sat cat", "cat sat mat")).isEqualTo(1.0);
        assertThat(SquadText.rougeL("mat sat cat", "cat sat mat")).isCloseTo(1.0 / 3, within(1e-12));
        // LCS of [police, killed, gunman] and [police, kill, gunman] is 2 → P = R = 2/3
        assertThat(SquadText.rougeL("police killed the gunman", "police kill the gunman")).isCloseTo(2.0 / 3, within(1e-12));
        // repeated tokens count once per occurrence in the gold: pred [a1, a1, a1] has 1 in common with [a1]
        assertThat(SquadText.tokenF1("x x x", "x")).isCloseTo(2 * (1.0 / 3) / (1.0 / 3 + 1), within(1e-12));
        assertThat(SquadText.tokenF1("", "the")).isEqualTo(1.0); // both normalise to nothing
        assertThat(SquadText.tokenF1("", "cat")).isZero();
        assertThat(SquadText.rougeL("dog", "cat")).isZero();
    }

    @Test
    void jsonFieldAccuracyByHand() {
        var metric = new JsonFieldAccuracy();
        String expected = """
                {"party": {"name": "Acme Ltd", "role": "seller"}, "amount": 1200, "dates": ["2024-01-01", "2024-12-31"]}""";
        // leaves: party.name, party.role, amount, dates[0], dates[1] → 3 of 5 match (1200.0 = 1200)
        var score = metric.score("""
                {"party": {"name": "Acme Ltd", "role": "buyer"}, "amount": 1200.0, "dates": ["2024-01-01"], "extra": 1}""",
                expected);
        assertThat(score.scored()).isTrue();
        assertThat(score.value()).isCloseTo(3.0 / 5, within(1e-12));
        assertThat(score.note()).isEqualTo("fields not matched: party.role, dates[1]");
        assertThat(metric.score("```json\n" + expected + "\n```", expected)).isEqualTo(AnswerScore.of(1));

        var notJson = metric.score("The party is Acme Ltd.", expected);
        assertThat(notJson.scored()).isTrue();
        assertThat(notJson.value()).isZero();
        assertThat(notJson.note()).startsWith("the output is not JSON: ").contains("line 1");
        assertThat(metric.score("{\"a\": 1} trailing", "{\"a\": 1}").note()).startsWith("the output is not JSON");
        assertThat(metric.score("", "{\"a\": 1}").note()).isEqualTo("the output is not JSON: the text is empty");

        var badExpected = metric.score("{}", "not json");
        assertThat(badExpected.scored()).isFalse();
        assertThat(badExpected.note()).startsWith("the expected output is not JSON");
        assertThat(metric.score("[]", "[]").value()).isEqualTo(1.0);
    }

    @Test
    void covidQaAnswersAgainstThemselvesAndTheirVariants() throws IOException {
        List<String> answers = covidAnswers();
        assertThat(answers).hasSizeGreaterThan(1000);
        var em = AnswerMetrics.create("exact_match", () -> null);
        var f1 = AnswerMetrics.create("TOKEN_F1", () -> null);
        var rouge = AnswerMetrics.create("rouge_l", () -> null);
        var none = Cancellation.none();
        assertThat(em.score(answers, answers, none)).allSatisfy(s -> assertThat(s.value()).isEqualTo(1.0));
        assertThat(f1.score(answers, answers, none)).allSatisfy(s -> assertThat(s.value()).isEqualTo(1.0));
        assertThat(rouge.score(answers, answers, none)).allSatisfy(s -> assertThat(s.value()).isEqualTo(1.0));

        // what SQuAD's normalisation forgives: case, surrounding punctuation, a leading article, white space
        List<String> dressed = answers.stream().map(a -> "The  " + a.toUpperCase(Locale.ROOT) + " .").toList();
        var dressedEm = em.score(dressed, answers, none);
        for (int i = 0; i < answers.size(); i++) {
            // upper-casing can change a few non-ASCII letters' lower case (e.g. 'ß'); those are not variants
            if (answers.get(i).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT).equals(answers.get(i).toLowerCase(Locale.ROOT))) {
                assertThat(dressedEm.get(i).value()).as(answers.get(i)).isEqualTo(1.0);
            }
        }

        // a prefix of h of an answer's n normalised tokens: P = 1, R = h/n, so F1 = ROUGE-L = 2h/(h+n)
        var prefixes = new ArrayList<String>();
        var full = new ArrayList<String>();
        var wanted = new ArrayList<Double>();
        for (String a : answers) {
            List<String> tokens = SquadText.normalizedTokens(a);
            if (tokens.size() >= 4) {
                int h = tokens.size() / 2;
                prefixes.add(String.join(" ", tokens.subList(0, h)));
                full.add(a);
                wanted.add(2.0 * h / (h + tokens.size()));
            }
        }
        assertThat(prefixes).hasSizeGreaterThan(500);
        var f1s = f1.score(prefixes, full, none);
        var rouges = rouge.score(prefixes, full, none);
        var ems = em.score(prefixes, full, none);
        for (int i = 0; i < prefixes.size(); i++) {
            assertThat(f1s.get(i).value()).as(full.get(i)).isCloseTo(wanted.get(i), within(1e-12));
            assertThat(rouges.get(i).value()).as(full.get(i)).isCloseTo(wanted.get(i), within(1e-12));
            assertThat(ems.get(i).value()).isZero();
        }
    }

    @Test
    void embeddingSimilarityOfCovidAnswersWithTheBundledModel() throws IOException {
        List<String> answers = covidAnswers().stream().filter(a -> a.split(" ").length >= 5).limit(20).toList();
        try (Embedder model = Embedders.open(Embedders.DEFAULT)) {
            var metric = AnswerMetrics.create("embedding_similarity", () -> model);
            var self = metric.score(answers, answers, Cancellation.none());
            assertThat(self).allSatisfy(s -> assertThat(s.value()).isCloseTo(1.0, within(1e-4)));
            // each answer against the next one (another question's answer) is less similar than against itself
            // dressed up in another case with a trailing full stop
            var shifted = new ArrayList<>(answers.subList(1, answers.size()));
            shifted.add(answers.getFirst());
            var other = metric.score(shifted, answers, Cancellation.none());
            var dressed = metric.score(answers.stream().map(a -> a.toUpperCase(Locale.ROOT) + ".").toList(), answers,
                    Cancellation.none());
            for (int i = 0; i < answers.size(); i++) {
                assertThat(dressed.get(i).value()).isGreaterThan(other.get(i).value());
                assertThat(other.get(i).value()).isBetween(-1.0, 1.0);
            }
            assertThat(metric.score(List.of(""), List.of("x"), Cancellation.none()).getFirst())
                    .isEqualTo(AnswerScore.of(0, "empty output"));
        }
    }

    @Test
    void theNewNamesAreRegisteredForComparisons() {
        var registry = AnswerMetrics.registry();
        assertThat(registry.lookup("embedding_similarity").registered()).isTrue();
        assertThat(registry.lookup("json_field_accuracy").type()).isEqualTo(MetricType.SCORE);
        assertThat(registry.lookup("exact_match").passFail()).isTrue();
        assertThat(AnswerMetrics.NAMES).allSatisfy(n -> assertThat(registry.find(n)).isPresent());
    }

    static List<String> covidAnswers() throws IOException {
        JsonNode root = new ObjectMapper().readTree(COVID_QA.toFile());
        var answers = new ArrayList<String>();
        for (JsonNode doc : root.path("data")) {
            for (JsonNode p : doc.path("paragraphs")) {
                for (JsonNode qa : p.path("qas")) {
                    for (JsonNode a : qa.path("answers")) {
                        if (!a.path("text").asText().isBlank()) {
                            answers.add(a.path("text").asText());
                        }
                    }
                }
            }
        }
        return answers;
    }
}
