package dev.ragworkbench.evaluation;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrecRunFileTest {

    @TempDir
    Path dir;

    @Test
    void writesTrecEvalOrderWithFullPrecisionScores() throws IOException {
        var run = Rankings.builder("my run")
                .add("q1", "d10", 0.1 + 0.2)   // 0.30000000000000004
                .add("q1", "d9", 0.30000000000000004)
                .add("q1", "d2", 1e-300)
                .add("q1", "d1", Math.PI)
                .build();
        var out = new StringWriter();
        TrecRunFile.write(run, out);
        // tie d9/d10: descending strcmp -> "d9" first; tag has whitespace replaced
        assertThat(out.toString()).isEqualTo("""
                q1 Q0 d1 1 3.141592653589793 my_run
                q1 Q0 d9 2 0.30000000000000004 my_run
                q1 Q0 d10 3 0.30000000000000004 my_run
                q1 Q0 d2 4 1.0E-300 my_run
                """);
    }

    @Test
    void roundTripPreservesOrderScoresAndMetrics() throws IOException {
        var run = Rankings.builder("r")
                .add("q1", "a", 0.5).add("q1", "b", 0.5).add("q1", "c", -0.0).add("q1", "d", 0.0)
                .add("q2", "x", 12345.678901234567).add("q2", "y", Double.MIN_VALUE)
                .build();
        Path f = dir.resolve("run.trec");
        TrecRunFile.write(run, f);
        Rankings back = TrecRunFile.read(f);
        assertThat(back.rankings()).isEqualTo(run.rankings());
        assertThat(back.ranking("q1")).extracting(ScoredDoc::docId).containsExactly("b", "a", "d", "c");
        var qrels = Qrels.of(Map.of("q1", Map.of("a", 1, "c", 2), "q2", Map.of("y", 1)));
        var metrics = Metric.parseList("ndcg@3, mrr@10, map@2");
        assertThat(Evaluator.evaluate(back, qrels, metrics).aggregate())
                .isEqualTo(Evaluator.evaluate(run, qrels, metrics).aggregate());
    }

    @Test
    void readerIgnoresRankColumnAndSortsByScore() throws IOException {
        Path f = Files.writeString(dir.resolve("r.txt"), """
                q1 Q0 low 1 0.1 tag
                q2 Q0 only 1 1 tag
                q1 Q0 high 2 0.9 tag
                q1 Q0 mid 3 0.5 tag
                """);
        Rankings run = TrecRunFile.read(f);
        assertThat(run.name()).isEqualTo("tag");
        assertThat(run.ranking("q1")).extracting(ScoredDoc::docId).containsExactly("high", "mid", "low");
        assertThat(run.queryIds()).containsExactly("q1", "q2");
    }

    @Test
    void malformedRunLinesNameFileAndLine() throws IOException {
        Path fields = Files.writeString(dir.resolve("a.run"), "q1 Q0 d1 1 0.5 t\nq1 Q0 d2 2 0.4\n");
        assertThatThrownBy(() -> TrecRunFile.read(fields)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("a.run:2:").hasMessageContaining("expected 6");
        Path score = Files.writeString(dir.resolve("b.run"), "q1 Q0 d1 1 high t\n");
        assertThatThrownBy(() -> TrecRunFile.read(score)).hasMessageContaining("b.run:1:")
                .hasMessageContaining("'high' is not a number");
        Path dup = Files.writeString(dir.resolve("c.run"), "q1 Q0 d1 1 0.5 t\nq1 Q0 d1 2 0.4 t\n");
        assertThatThrownBy(() -> TrecRunFile.read(dup)).hasMessageContaining("c.run:2:")
                .hasMessageContaining("first on line 1");
        Path rank = Files.writeString(dir.resolve("d.run"), "q1 Q0 d1 first 0.5 t\n");
        assertThatThrownBy(() -> TrecRunFile.read(rank)).hasMessageContaining("d.run:1:");
    }

    @Test
    void writerRefusesIdsWithWhitespace() {
        var run = Rankings.builder("r").add("q1", "doc one", 1).build();
        assertThatThrownBy(() -> TrecRunFile.write(run, new StringWriter()))
                .hasMessageContaining("'doc one' contains whitespace");
    }

    /** Whatever the scores and ties, the file read back ranks and scores exactly like the run in memory. */
    @Property(tries = 200)
    void anyRunSurvivesTheFile(@ForAll("runs") Rankings run) throws IOException {
        var out = new StringWriter();
        TrecRunFile.write(run, out);
        Path f = Files.createTempFile("run", ".trec");
        try {
            Files.writeString(f, out.toString());
            Rankings back = TrecRunFile.read(f);
            assertThat(back.rankings()).isEqualTo(run.rankings());
            // the file lists documents in the ranking order the metrics use
            var lines = out.toString().lines().toList();
            int i = 0;
            for (var e : run.rankings().entrySet()) {
                for (ScoredDoc d : e.getValue()) {
                    assertThat(lines.get(i++).split(" ")[2]).isEqualTo(d.docId());
                }
            }
        } finally {
            Files.delete(f);
        }
    }

    @Provide
    Arbitrary<Rankings> runs() {
        Arbitrary<Double> scores = Arbitraries.oneOf(
                Arbitraries.doubles().filter(d -> !Double.isNaN(d)),
                Arbitraries.of(0.0, -0.0, 1.0, 0.5), // many ties
                Arbitraries.doubles().between(-1e6, 1e6));
        Arbitrary<String> ids = Arbitraries.strings().withChars("abAB9Z_\u00e9\uFFFD").ofMinLength(1).ofMaxLength(4)
                .injectDuplicates(0.1);
        Arbitrary<List<ScoredDoc>> ranking = Combinators.combine(ids, scores).as(ScoredDoc::new)
                .list().ofMinSize(1).ofMaxSize(30).uniqueElements(ScoredDoc::docId); // an empty ranking has no line
        return Arbitraries.maps(Arbitraries.of("q1", "q2", "q3"), ranking).ofMaxSize(3)
                .map(m -> new Rankings("r", new LinkedHashMap<>(m)));
    }
}
