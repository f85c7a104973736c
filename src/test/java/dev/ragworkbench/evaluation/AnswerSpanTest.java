package dev.ragworkbench.evaluation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerSpanTest {

    private static AnswerSpan span(String answer, int start) {
        return new AnswerSpan("doc", "q1", "Which virus?", answer, start);
    }

    @Test
    void anAnswerAtItsOffsetIsKeptAsItIs() {
        var s = span("novel coronavirus", 4);
        assertThat(s.locateIn("The novel coronavirus spread.")).isSameAs(s);
    }

    @Test
    void anOffsetThatIsOffTakesTheNearestOccurrence() {
        String text = "virus here; then virus again, and virus at the end";
        // COVID-QA's offsets are off by -1 for most of its 234 wrong ones
        assertThat(span("virus", 16).locateIn(text).start()).isEqualTo(17);
        assertThat(span("virus", 33).locateIn(text).start()).isEqualTo(34);
        assertThat(span("virus", -1).locateIn(text).start()).isZero();
    }

    @Test
    void anAnswerThatAPdfBrokeAcrossLinesIsFoundWithTheDocumentsOwnText() {
        String pdfText = "Its genome is 27,534\nnucleotides (nt) in length, including the poly(A)\ntail.";
        var located = span("27,534 nucleotides (nt) in length", 10).locateIn(pdfText);
        assertThat(located).isNotNull();
        assertThat(located.answer()).isEqualTo("27,534\nnucleotides (nt) in length");
        assertThat(pdfText.substring(located.start(), located.end())).isEqualTo(located.answer());
        assertThat(span("the poly(A) tail", 40).locateIn(pdfText).answer()).isEqualTo("the poly(A)\ntail");
        assertThat(span("not in the text", 0).locateIn(pdfText)).isNull();
    }
}
