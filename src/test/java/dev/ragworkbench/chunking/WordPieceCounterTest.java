package dev.ragworkbench.chunking;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.embedding.HuggingFaceTextTokenizer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java count equals the native tokenizer's on real text and on the odd cases BERT's normaliser handles. */
class WordPieceCounterTest {

    static final Path SCIFACT = Path.of(System.getProperty("ragworkbench.shared.data", "../shared/data"), "scifact");
    static final String RESOURCE = "/all-minilm-l6-v2-tokenizer.json";

    static WordPieceCounter counter(HuggingFaceTextTokenizer spans) throws Exception {
        try (var in = WordPieceCounterTest.class.getResourceAsStream(RESOURCE)) {
            return WordPieceCounter.load(in, () -> spans);
        }
    }

    @Test
    void countsEverySciFactTitleTextAndQueryAsTheNativeTokenizerDoes() throws Exception {
        var json = new ObjectMapper();
        var texts = new ArrayList<String>();
        for (String file : List.of("corpus.jsonl", "queries.jsonl")) {
            for (String line : Files.readAllLines(SCIFACT.resolve(file))) {
                var node = json.readTree(line);
                texts.add(node.path("text").asText());
                texts.add(node.path("title").asText());
            }
        }
        try (var tokenizer = HuggingFaceTextTokenizer.fromResource(RESOURCE)) {
            var counter = counter(tokenizer);
            var differing = texts.stream().filter(t -> tokenizer.count(t) != counter.count(t)).limit(3).toList();
            assertThat(differing).isEmpty();
            assertThat(texts).hasSizeGreaterThan(10_000);
        }
    }

    @Test
    void handlesAccentsCjkControlsPunctuationLongWordsAndSurrogates() throws Exception {
        var cases = List.of("", "   ", "Café naïve Ångström İstanbul", "北京大学 研究", "tab\there\u0000nul\u200Bzw",
                "vt\u000Bff\u000Cdel\u007Fx\r\nend", "ASCII Only, Mixed CASE.",
                "IL-6/IL-10 (p<0.05); [CI 95%] — “quoted” …", "x".repeat(101), "a" + "b".repeat(99),
                "emoji 😀 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 math", "ﬁ ligature ½ ™ ①", "zzzzqqqxj unknownish wordpieces");
        try (var tokenizer = HuggingFaceTextTokenizer.fromResource(RESOURCE)) {
            var counter = counter(tokenizer);
            for (String text : cases) {
                assertThat(counter.count(text)).as(text).isEqualTo(tokenizer.count(text));
            }
            // spans still come from the native tokenizer
            assertThat(counter.tokenize("IL-6 levels")).isEqualTo(tokenizer.tokenize("IL-6 levels"));
        }
    }
}
