package dev.ragworkbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input of every kind, through the real commands with real malformed files: exit 2 and one plain sentence
 * that names the file and the line, with no Java class name in it (that is for {@code --verbose}).
 */
class BadInputExitTest {

    @TempDir
    Path dir;

    CliTest.Result run(String... args) {
        return CliTestSupport.run(args);
    }

    private Path file(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
        return f;
    }

    /** Exit 2, and the last stderr line is {@code error: } + one sentence naming {@code where}, without class names. */
    private static void assertBadInput(CliTest.Result r, String where) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.lastErrLine()).startsWith("error: ").contains(where).endsWith(".");
        assertThat(r.err()).doesNotContain("dev.ragworkbench", "Exception", "\tat ");
    }

    private String ws() {
        return dir.resolve("ws").toString();
    }

    private Path docs() throws Exception {
        file("docs/sepsis.md", "# Sepsis\n\nIL-6 levels rise in sepsis.\n");
        file("docs/cats.txt", "Cats sleep most of the day.\n");
        return dir.resolve("docs");
    }

    @Test
    void aMalformedQueriesFileOfSearch() throws Exception {
        assertThat(run("index", "--workspace", ws(), "--corpus", docs().toString(), "--embedder", "none").exit())
                .isZero();
        Path queries = file("q.jsonl", "{\"_id\":\"1\",\"text\":\"sepsis\"}\n{\"_id\":\"2\", \"text\": \n");
        assertBadInput(run("search", "--workspace", ws(), "--retriever", "bm25", "--queries", queries.toString()),
                queries + ":2");
    }

    @Test
    void aRunWhoseEvalSetHasAMalformedQrelsFile() throws Exception {
        Path queries = file("set/queries.jsonl", "{\"_id\":\"1\",\"text\":\"sepsis\"}\n");
        Path qrels = file("set/q.tsv", "query-id\tcorpus-id\tscore\n1\tsepsis.md\tx\n");
        Path spec = file("x.yaml", """
                name: bad-qrels
                corpus: { path: %s }
                evalSet: { format: beir, queries: %s, qrels: %s }
                retrieval: [ bm25 ]
                metrics: [ ndcg@10 ]
                """.formatted(docs(), queries, qrels));
        var r = run("run", spec.toString(), "--workspace", ws());
        assertBadInput(r, qrels + ":2");
        assertThat(r.lastErrLine()).contains("relevance grade 'x' is not an integer");
    }

    @Test
    void evalSetImportsOfBrokenTrecBeirSquadAndRagasFiles() throws Exception {
        Path topics = file("trec/topics.tsv", "1\tsepsis\n2 no tab here\n");
        Path trecQrels = file("trec/qrels.txt", "1 0 sepsis.md 1\n");
        assertBadInput(run("evalsets", "import", "--workspace", ws(), "--name", "t", "--format", "trec",
                "--topics", topics.toString(), "--qrels", trecQrels.toString()), topics + ":2");

        Path badTrecQrels = file("trec/bad-qrels.txt", "1 0 sepsis.md 1\n1 0 cats.txt\n");
        Path goodTopics = file("trec/good-topics.tsv", "1\tsepsis\n");
        assertBadInput(run("evalsets", "import", "--workspace", ws(), "--name", "t", "--format", "trec",
                "--topics", goodTopics.toString(), "--qrels", badTrecQrels.toString()), badTrecQrels + ":2");

        Path beirQueries = file("beir/queries.jsonl", "{\"_id\":\"1\",\"text\":\"sepsis\"}\n{\"_id\":\"\"}\n");
        Path beirQrels = file("beir/qrels/test.tsv", "query-id\tcorpus-id\tscore\n1\tsepsis.md\t1\n");
        assertBadInput(run("evalsets", "import", "--workspace", ws(), "--name", "b", "--format", "beir",
                "--queries", beirQueries.toString(), "--qrels", beirQrels.toString()), beirQueries + ":2");

        Path squad = file("squad.json", "{\"data\": [\n  {\"title\": \"x\",\n   \"paragraphs\": [ oops ]}\n]}\n");
        assertBadInput(run("evalsets", "import", "--workspace", ws(), "--name", "s", "--format", "squad",
                "--path", squad.toString()), squad + ":3");

        assertThat(run("import", "--workspace", ws(), "--corpus", "docs", docs().toString()).exit()).isZero();
        Path ragas = file("ragas.jsonl", "{\"question\":\"what rises in sepsis?\",\"ground_truth\":\"IL-6\","
                + "\"contexts\":[\"IL-6 levels rise in sepsis.\"]}\n"
                + "{\"answer\": 3}\n");
        assertBadInput(run("evalsets", "import", "--workspace", ws(), "--name", "r", "--format", "ragas",
                "--path", ragas.toString(), "--corpus", "docs"), ragas + ":2");
    }

    @Test
    void anIndexOfACorpusFileWhoseEveryLineIsBroken() throws Exception {
        Path corpus = file("broken/corpus.jsonl", "{\"_id\": \"d1\", \"text\": \n{not json}\n");
        var r = run("index", "--workspace", ws(), "--corpus", corpus.toString(), "--embedder", "none");
        // The import names each broken line (file:line and why) as it skips it; the error after them names the
        // file and says that nothing was left to index.
        assertBadInput(r, corpus + " gave no documents: all 2 lines failed");
        assertThat(r.err()).as(r.err()).contains("corpus.jsonl:1", "corpus.jsonl:2");
    }

    @Test
    void aSpecWithSevenProblemsListsEachOnItsOwnLineThenCountsThem() throws Exception {
        Path spec = file("x.yaml", """
                name: seven
                corpus: { path: nope/corpus.jsonl }
                evalSet: { format: beir, queries: nope/queries.jsonl }
                chunking: [ { kind: fixed, size: -5 } ]
                embedding: [ none ]
                retrieval: [ dense, { kind: bm25, k1: fast } ]
                metrics: [ ndcg@10, wow@3 ]
                """);
        var r = run("run", spec.toString(), "--workspace", ws());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        var lines = r.err().strip().lines().toList();
        assertThat(lines).hasSize(8);
        assertThat(lines.subList(0, 7)).allSatisfy(l -> assertThat(l).matches(
                java.util.regex.Pattern.quote(spec.toString()) + ":\\d+:\\d+: .+"));
        assertThat(lines.getLast()).isEqualTo("error: 7 problems in " + spec + ".");
        assertThat(r.err()).doesNotContain("dev.ragworkbench", "Exception");
    }

    @Test
    void verboseShowsTheStackTraceOfBadInputToo() throws Exception {
        Path queries = file("set/queries.jsonl", "{\"_id\":\"1\",\"text\":\"sepsis\"}\n");
        Path qrels = file("set/q.tsv", "query-id\tcorpus-id\tscore\n1\tsepsis.md\tx\n");
        Path spec = file("x.yaml", """
                name: verbose
                corpus: { path: %s }
                evalSet: { format: beir, queries: %s, qrels: %s }
                retrieval: [ bm25 ]
                metrics: [ ndcg@10 ]
                """.formatted(docs(), queries, qrels));
        var r = run("run", spec.toString(), "--workspace", ws(), "--verbose");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("\tat ", "MalformedFileException");
        assertThat(r.lastErrLine()).startsWith("error: " + qrels + ":2: ");
    }
}
