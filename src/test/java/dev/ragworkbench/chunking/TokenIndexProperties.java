package dev.ragworkbench.chunking;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.embedding.HuggingFaceTextTokenizer;
import dev.ragworkbench.embedding.TextTokenizer;
import dev.ragworkbench.ingest.Document;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static dev.ragworkbench.chunking.TestData.TOKENIZER;
import static org.assertj.core.api.Assertions.assertThat;

/** The cheap counts chunkers rely on agree with re-tokenizing the text. */
class TokenIndexProperties {

    /** Any range, cut anywhere (inside words too): the index's exact count equals the tokenizer's. */
    @Property(tries = 50)
    void exactCountEqualsRetokenizing(@ForAll("documents") Document doc,
                                      @ForAll @DoubleRange(min = 0, max = 1) double from,
                                      @ForAll @IntRange(min = 0, max = 6_000) int length) {
        var index = TokenIndex.of(doc.text(), TOKENIZER);
        int start = (int) (from * doc.text().length());
        int end = Math.min(doc.text().length(), start + length);
        for (int s = start; s < Math.min(end, start + 5); s++) { // a few neighbouring cuts, mid-word ones among them
            assertThat(index.exact(s, end)).as("[%d, %d)", s, end)
                    .isEqualTo(TOKENIZER.count(doc.text().substring(s, end)));
        }
    }

    /** A tokenizer that is not context-free across whitespace is caught by the sample check and re-counted. */
    @Test
    void distrustsTheEstimateForATokenizerThatDependsOnContext() {
        // counts one extra token per text, as a tokenizer adding a start-of-text marker to every input would
        TextTokenizer marking = new TextTokenizer() {
            @Override
            public List<TokenSpan> tokenize(String text) {
                var spans = new ArrayList<>(TOKENIZER.tokenize(text));
                if (!text.isEmpty()) {
                    spans.addFirst(new TokenSpan("<s>", 0, 0));
                }
                return spans;
            }
        };
        String text = TestData.covid().getFirst().text();
        var index = TokenIndex.of(text, marking);
        assertThat(index.toString()).contains("estimateTrusted=false");
        assertThat(index.exact(0, 2_000)).isEqualTo(marking.count(text.substring(0, 2_000)));
        assertThat(TokenIndex.of(text, TOKENIZER).toString()).contains("estimateTrusted=true");
    }

    /**
     * Why {@link ChunkerSpec#MIN_SIZE} is 8: a fixed window can start at a continuation piece ({@code ##ievable}),
     * whose text alone is a fresh word; over the whole MiniLM vocabulary that is at most 4 tokens, so a
     * one-token window always fits a size of 8.
     */
    @Test
    void aLoneContinuationPieceRetokenizesToAtMostFourTokens() throws IOException {
        var vocab = new ObjectMapper().readTree(HuggingFaceTextTokenizer.class
                    .getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")).get("model").get("vocab");
            int worst = 0;
            int pieces = 0;
            for (var names = vocab.fieldNames(); names.hasNext(); ) {
                String token = names.next();
                if (token.startsWith("##")) {
                    pieces++;
                    worst = Math.max(worst, TOKENIZER.count(token.substring(2)));
                }
            }
            assertThat(pieces).isGreaterThan(5_000);
            assertThat(worst).isLessThanOrEqualTo(4).isLessThan(ChunkerSpec.MIN_SIZE);
    }

    @Provide
    Arbitrary<Document> documents() {
        var all = new ArrayList<Document>(TestData.scifact());
        all.addAll(TestData.covid());
        all.addAll(TestData.markdown());
        return Arbitraries.of(all);
    }
}
