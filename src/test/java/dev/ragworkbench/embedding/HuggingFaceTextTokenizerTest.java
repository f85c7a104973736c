package dev.ragworkbench.embedding;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.text.Normalizer;

import static org.assertj.core.api.Assertions.assertThat;

class HuggingFaceTextTokenizerTest {

    static HuggingFaceTextTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = HuggingFaceTextTokenizer.fromResource("/all-minilm-l6-v2-tokenizer.json");
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void spansPointAtTheCharactersOfEachToken() {
        String text = "Naïve café 😀 β-cells: IL-6 (p<0.05)\nsecond line";
        var spans = tokenizer.tokenize(text);
        assertThat(spans).isNotEmpty();
        for (var span : spans) {
            String piece = Normalizer.normalize(text.substring(span.start(), span.end()), Normalizer.Form.NFD)
                    .replaceAll("\\p{M}", "").toLowerCase();
            String token = span.token().startsWith("##") ? span.token().substring(2) : span.token();
            if (!token.equals("[UNK]")) {
                // BERT's normaliser lower-cases and strips accents; the span still covers the original characters.
                assertThat(piece).as("token %s at %d-%d", span.token(), span.start(), span.end()).isEqualTo(token);
            }
        }
        assertThat(tokenizer.count(text)).isEqualTo(spans.size());
    }

    @Test
    void doesNotTruncateLongTexts() {
        String text = "word ".repeat(1000);
        assertThat(tokenizer.count(text)).isEqualTo(1000);
        var spans = tokenizer.tokenize(text);
        assertThat(spans.getLast().end()).isEqualTo(text.length() - 1);
    }
}
