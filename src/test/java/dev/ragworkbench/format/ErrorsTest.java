package dev.ragworkbench.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.evaluation.MalformedFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One plain sentence per failure, the same for the command line and the window. */
class ErrorsTest {

    @TempDir
    Path tmp;

    @Test
    void aCoreMessageIsKeptAsWrittenOnOneLineWithAFullStop() {
        var e = new IllegalArgumentException("corpus 'x' has no documents;\n  import some first");
        assertThat(Errors.sentence(e)).isEqualTo("corpus 'x' has no documents; import some first.");
        assertThat(Errors.standalone(e)).startsWith("Corpus 'x'");
        assertThat(Errors.sentence(new IllegalStateException("done."))).isEqualTo("done.");
        assertThat(Errors.sentence(new IllegalArgumentException("a.yaml:3:1: bad key\na.yaml:9:2: bad value")))
                .isEqualTo("a.yaml:3:1: bad key; a.yaml:9:2: bad value.");
    }

    @Test
    void aMalformedFileNamesItsFileAndLine() {
        Path qrels = tmp.resolve("qrels.tsv");
        var e = new UncheckedIOException(new MalformedFileException(qrels, 12, "grade 'x' is not a number"));
        assertThat(Errors.sentence(e)).isEqualTo(qrels + ":12: grade 'x' is not a number.");
    }

    @Test
    void aMissingFileIsNamedWithoutTheJavaClass() {
        Path missing = tmp.resolve("nope.json");
        assertThatThrownBy(() -> Files.readString(missing)).satisfies(e -> {
            var wrapped = new CompletionException(new RuntimeException(e));
            assertThat(Errors.sentence(wrapped)).isEqualTo("file " + missing + " does not exist.");
        });
    }

    @Test
    void classNamesInAMessageAreDropped() {
        var e = new RuntimeException("java.io.IOException: Stream closed");
        assertThat(Errors.sentence(e)).isEqualTo("Stream closed.");
        assertThat(Errors.sentence(new UncheckedIOException(new IOException("disk full")))).isEqualTo("disk full.");
    }

    @Test
    void aJsonErrorNamesItsLineAndColumn() {
        assertThatThrownBy(() -> new ObjectMapper().readTree("{\n  \"a\": [1, 2,,]\n}")).satisfies(e -> {
            String s = Errors.sentence(e);
            assertThat(s).startsWith("line 2, column ").doesNotContain("com.fasterxml").doesNotContain("Exception")
                    .endsWith(".").doesNotContain("\n");
        });
    }

    @Test
    void anExceptionWithoutAMessageSaysWhatKindOfFailureItWas() {
        String s = Errors.sentence(new IllegalStateException());
        assertThat(s).startsWith("an unexpected error occurred (illegal state)").doesNotContain("Exception");
        assertThat(Errors.sentence(new NullPointerException())).contains("(null pointer)");
    }
}
