package dev.ragworkbench.cli;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.judging.Judgments;
import dev.ragworkbench.judging.PoolFile;
import dev.ragworkbench.judging.PoolSessions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code evalsets pool}, the twin of the Retrieval pane's blind pooled judging, in-process on a real workspace: a
 * BM25 index of 60 SciFact abstracts, two columns, the file graded by hand and read back by {@code evalsets judge}.
 */
class PoolCommandTest {

    static final Path SCIFACT = Path.of(System.getProperty("ragworkbench.shared.data", "../shared/data"), "scifact");

    @TempDir
    static Path dir;
    static String ws;
    static String index;

    static CliTest.Result run(String... args) {
        return CliTestSupport.run(args);
    }

    @BeforeAll
    static void build() throws Exception {
        Path corpus = dir.resolve("corpus.jsonl");
        try (var lines = Files.lines(SCIFACT.resolve("corpus.jsonl"))) {
            Files.write(corpus, lines.limit(60).toList());
        }
        ws = dir.resolve("ws").toString();
        var indexed = run("index", "--workspace", ws, "--corpus", corpus.toString(), "--name", "sci",
                "--embedder", "none");
        assertThat(indexed.exit()).as(indexed.err()).isZero();
        index = indexed.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        var created = run("evalsets", "add-queries", "mine", "--workspace", ws, "--new", "--corpus", "sci",
                "--query", "Vitamin D deficiency and bone fractures", "--query", "stem cells in the bone marrow",
                "--query", "white matter development in newborns");
        assertThat(created.exit()).as(created.err()).isZero();
    }

    @Test
    void poolsBlindIntoAFileThatJudgeReadsBack() throws Exception {
        Path out = dir.resolve("pool.tsv");
        var pooled = run("evalsets", "pool", "mine", "--workspace", ws, "--column", "bm25@" + index,
                "--column", "bm25:k1=1.5,b=0.9@" + index, "--depth", "4", "--out", out.toString());
        assertThat(pooled.exit()).as(pooled.err()).isZero();
        assertThat(pooled.out()).contains("for 3 queries of eval set mine (0 already graded)",
                "evalsets judge mine --from " + out);

        List<String> lines = Files.readAllLines(out);
        assertThat(lines.getFirst()).isEqualTo(PoolFile.HEADER);
        var rows = lines.subList(1, lines.size());
        // each query's union of two top-4 lists: 4 to 8 documents, none twice
        for (String q : List.of("q1", "q2", "q3")) {
            var docs = rows.stream().filter(l -> l.startsWith(q + "\t")).map(l -> l.split("\t")[1]).toList();
            assertThat(docs).hasSizeBetween(4, 8).doesNotHaveDuplicates();
        }
        for (String row : rows) {
            String[] f = row.split("\t", -1);
            assertThat(f).hasSize(6);
            assertThat(f[2]).as("not graded yet").isEmpty();
            assertThat(f[5]).as("the chunk's text").isNotBlank();
        }
        assertThat(String.join("\n", rows)).as("blind: no retriever named").doesNotContain("bm25", index);

        // grade the first two lines in the file, as a spreadsheet would, and record them
        var graded = new ArrayList<>(lines);
        graded.set(1, withGrade(lines.get(1), "2"));
        graded.set(2, withGrade(lines.get(2), "0"));
        Files.write(out, graded);
        var judged = run("evalsets", "judge", "mine", "--workspace", ws, "--from", out.toString());
        assertThat(judged.exit()).as(judged.err()).isZero();
        assertThat(judged.out()).contains("2 judgments written");

        try (var bench = Workbench.open(Path.of(ws))) {
            var qrels = bench.evalSets().get("mine").qrels();
            String[] first = lines.get(1).split("\t");
            String[] second = lines.get(2).split("\t");
            assertThat(qrels.judgments(first[0])).containsEntry(first[1], 2);
            assertThat(qrels.judgments(second[0])).containsEntry(second[1], 0);
            // the pane's "resume" opens this pool
            var saved = new PoolSessions(new Judgments(bench.evalSets()), bench.uiState(), bench).saved("mine");
            assertThat(saved).isPresent();
            assertThat(saved.get().k()).isEqualTo(4);
            assertThat(saved.get().columns()).hasSize(2);
        }

        // pooled again: the same pool (same seed), the grades filled in
        var again = run("evalsets", "pool", "mine", "--workspace", ws, "--column", "bm25@" + index,
                "--column", "bm25:k1=1.5,b=0.9@" + index, "--depth", "4", "--out", out.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("(2 already graded)");
        var reread = Files.readAllLines(out);
        assertThat(reread.get(1).split("\t", -1)[2]).isEqualTo("2");
        assertThat(reread.get(2).split("\t", -1)[2]).isEqualTo("0");
        assertThat(new HashSet<>(reread.stream().map(l -> l.split("\t")[1]).toList()))
                .isEqualTo(new HashSet<>(lines.stream().map(l -> l.split("\t")[1]).toList()));
    }

    @Test
    void badInputExitsTwoNamingWhatIsWrong() throws Exception {
        Path out = dir.resolve("bad.tsv");
        var noIndex = run("evalsets", "pool", "mine", "--workspace", ws, "--column", "bm25@nope", "--out",
                out.toString());
        assertThat(noIndex.exit()).isEqualTo(2);
        assertThat(noIndex.err()).contains("no index called nope").doesNotContain("Exception");
        var badColumn = run("evalsets", "pool", "mine", "--workspace", ws, "--column", "bm25", "--out",
                out.toString());
        assertThat(badColumn.exit()).isEqualTo(2);
        assertThat(badColumn.err()).contains("RETRIEVER@INDEX");
        var noSet = run("evalsets", "pool", "theirs", "--workspace", ws, "--column", "bm25@" + index, "--out",
                out.toString());
        assertThat(noSet.exit()).isEqualTo(2);
        assertThat(noSet.err()).contains("theirs");
        assertThat(out).doesNotExist();

        // a grade that is not 0, 1 or 2 in a pool file names its line, and nothing is written
        Files.write(out, List.of(PoolFile.HEADER, "q1\tdoc\t7\tquery\ttitle\ttext"));
        var judged = run("evalsets", "judge", "mine", "--workspace", ws, "--from", out.toString());
        assertThat(judged.exit()).isEqualTo(2);
        assertThat(judged.err()).containsPattern(Pattern.quote(out.toString()) + ":2: .*7");
    }

    static String withGrade(String line, String grade) {
        String[] f = line.split("\t", -1);
        f[2] = grade;
        return String.join("\t", f);
    }
}
