package dev.ragworkbench.chunking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkerSpecTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            none                            | none                            | none
            fixed                           | fixed:size=256,overlap=0        | fixed-256-0
            fixed:size=200,overlap=40       | fixed:size=200,overlap=40       | fixed-200-40
            fixed:overlap=40,size=200       | fixed:size=200,overlap=40       | fixed-200-40
            recursive:size=512              | recursive:size=512,overlap=0    | recursive-512-0
            recursive:size=256,overlap=32   | recursive:size=256,overlap=32   | recursive-256-32
            markdown                        | markdown:size=256               | markdown-256
            markdown:size=300               | markdown:size=300               | markdown-300
            semantic                        | semantic:percentile=95,size=256 | semantic-95-256
            semantic:percentile=90          | semantic:percentile=90,size=256 | semantic-90-256
            semantic:percentile=90,size=256 | semantic:percentile=90,size=256 | semantic-90-256
            ' Fixed : size = 64 '           | fixed:size=64,overlap=0         | fixed-64-0
            """)
    void parsesToCanonicalFormThatRoundTrips(String input, String canonical, String slug) {
        ChunkerSpec spec = ChunkerSpec.parse(input);
        assertThat(spec).hasToString(canonical);
        assertThat(spec.slug()).isEqualTo(slug).matches("[a-z0-9-]+");
        assertThat(ChunkerSpec.parse(spec.toString())).isEqualTo(spec);
    }

    @Test
    void parsesToTypedRecords() {
        assertThat(ChunkerSpec.parse("fixed:size=200,overlap=40")).isEqualTo(new ChunkerSpec.Fixed(200, 40));
        assertThat(ChunkerSpec.parse("semantic:percentile=90")).isEqualTo(new ChunkerSpec.Semantic(90, 256));
        assertThat(ChunkerSpec.parse("none")).isEqualTo(new ChunkerSpec.None());
        assertThat(ChunkerSpec.parse("markdown").kind()).isEqualTo(ChunkerKind.MARKDOWN);
    }

    @Test
    void paramsListEveryParameterInCanonicalOrder() {
        assertThat(ChunkerSpec.parse("semantic:size=128").params())
                .containsExactly(Map.entry("percentile", "95"), Map.entry("size", "128"));
        assertThat(ChunkerSpec.parse("none").params()).isEmpty();
    }

    @Test
    void everyDefaultRoundTrips() {
        assertThat(ChunkerSpec.allDefaults()).hasSize(ChunkerKind.values().length)
                .allSatisfy(spec -> assertThat(ChunkerSpec.parse(spec.toString())).isEqualTo(spec));
    }

    @Test
    void unknownKindListsTheValidOnes() {
        assertThatThrownBy(() -> ChunkerSpec.parse("sentence:size=3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown chunker kind 'sentence'")
                .hasMessageContaining("none, fixed, recursive, markdown, semantic");
    }

    @Test
    void unknownParameterListsTheValidOnes() {
        assertThatThrownBy(() -> ChunkerSpec.parse("fixed:sz=3"))
                .hasMessageContaining("unknown parameter 'sz' for chunker 'fixed'")
                .hasMessageContaining("valid parameters: size, overlap");
        assertThatThrownBy(() -> ChunkerSpec.parse("markdown:overlap=3"))
                .hasMessageContaining("valid parameters: size");
        assertThatThrownBy(() -> ChunkerSpec.parse("none:size=3"))
                .hasMessageContaining("'none' takes no parameters");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            fixed:size=abc               | parameter 'size' of chunker 'fixed' must be a whole number, got 'abc'
            fixed:size=1.5               | must be a whole number, got '1.5'
            fixed:size=                  | must be a whole number, got ''
            fixed:size=4                 | size must be between 8 and 65536 tokens, got 4
            recursive:size=100000        | size must be between 8 and 65536 tokens, got 100000
            fixed:size=40,overlap=40     | overlap (40) must be smaller than size (40)
            recursive:overlap=300        | overlap (300) must be smaller than size (256)
            fixed:overlap=-1             | overlap must not be negative, got -1
            semantic:percentile=100      | percentile must be between 1 and 99, got 100
            semantic:percentile=0        | percentile must be between 1 and 99, got 0
            fixed:size                   | expected name=value but got 'size'
            fixed:                       | expected name=value but got ''
            fixed:size=64,size=32        | parameter 'size' given twice
            """)
    void rejectsBadValuesWithClearMessages(String input, String message) {
        assertThatThrownBy(() -> ChunkerSpec.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void rejectsEmptySpecs(String input) {
        assertThatThrownBy(() -> ChunkerSpec.parse(input)).hasMessageContaining("empty chunker spec");
    }

    @Test
    void constructorsValidateToo() {
        assertThatThrownBy(() -> new ChunkerSpec.Fixed(64, 64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkerSpec.Markdown(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kindsHaveLowerCaseIds() {
        assertThat(ChunkerKind.values()).extracting(ChunkerKind::id)
                .containsExactly("none", "fixed", "recursive", "markdown", "semantic");
        assertThat(ChunkerKind.fromId("Recursive")).isEqualTo(ChunkerKind.RECURSIVE);
    }
}
