package dev.ragworkbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code evalsets} in-process on a real workspace, with SciFact's test split. */
class EvalsetsCommandTest {

    static final Path SCIFACT = Path.of(System.getProperty("ragworkbench.shared.data", "../shared/data"))
            .resolve("scifact");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    CliTest.Result run(String... args) {
        return CliTestSupport.run(args);
    }

    @Test
    void importListExportAndReimportKeepTheSame339Judgments() throws Exception {
        String ws = dir.resolve("ws").toString();
        var imported = run("evalsets", "import", "--workspace", ws, "--name", "scifact-test", "--format", "beir",
                "--dir", SCIFACT.toString(), "--split", "test");
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("scifact-test", "version 1", "300 queries", "339 judgments");

        var list = run("evalsets", "list", "--workspace", ws, "--json");
        assertThat(list.exit()).as(list.err()).isZero();
        JsonNode sets = JSON.readTree(list.out());
        assertThat(sets).hasSize(1);
        JsonNode first = sets.get(0);
        assertThat(first.get("name").asText()).isEqualTo("scifact-test");
        assertThat(first.get("format").asText()).isEqualTo("beir");
        assertThat(first.get("queries").asInt()).isEqualTo(300);
        assertThat(first.get("judgments").asInt()).isEqualTo(339);
        String sha = first.get("sha256").asText();
        assertThat(sha).matches("[0-9a-f]{64}");
        assertThat(run("evalsets", "list", "--workspace", ws).out()).contains("scifact-test", "beir", "339");

        Path trec = dir.resolve("trec");
        var export = run("evalsets", "export", "scifact-test", "--workspace", ws, "--format", "trec", "--out",
                trec.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(Files.readAllLines(trec.resolve("qrels.txt"))).hasSize(339);
        assertThat(Files.readAllLines(trec.resolve("topics.tsv"))).hasSize(300);
        Path beir = dir.resolve("beir");
        assertThat(run("evalsets", "export", "scifact-test", "--workspace", ws, "--format", "beir", "--out",
                beir.toString()).exit()).isZero();
        assertThat(Files.readAllLines(beir.resolve("qrels/test.tsv"))).hasSize(340).first()
                .isEqualTo("query-id\tcorpus-id\tscore");

        // read back through the command line as TREC and as BEIR: the same content, so the same version hash
        var again = run("evalsets", "import", "--workspace", ws, "--name", "from-trec", "--format", "trec",
                "--topics", trec.resolve("topics.tsv").toString(), "--qrels", trec.resolve("qrels.txt").toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(run("evalsets", "import", "--workspace", ws, "--name", "from-beir", "--format", "beir",
                "--queries", beir.resolve("queries.jsonl").toString(), "--qrels",
                beir.resolve("qrels/test.tsv").toString()).exit()).isZero();
        for (String name : new String[] {"from-trec", "from-beir"}) {
            var show = run("evalsets", "show", name, "--workspace", ws, "--json");
            assertThat(show.exit()).as(show.err()).isZero();
            JsonNode node = JSON.readTree(show.out());
            assertThat(node.get("sha256").asText()).isEqualTo(sha);
            assertThat(node.get("judgments").asInt()).isEqualTo(339);
            assertThat(node.get("history")).hasSize(1);
        }
        assertThat(run("evalsets", "show", "scifact-test", "--workspace", ws).out())
                .contains("300", "339", sha, "imported from");

        var deleted = run("evalsets", "delete", "from-trec", "--workspace", ws);
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(JSON.readTree(run("evalsets", "list", "--workspace", ws, "--json").out()))
                .extracting(n -> n.get("name").asText()).containsExactly("scifact-test", "from-beir");
    }

    @Test
    void badInputExitsWithTwoAndOneSentenceNamingTheFileAndLine() throws Exception {
        String ws = dir.resolve("ws").toString();
        Path topics = Files.writeString(dir.resolve("topics.tsv"), "q1\tfirst\nq2\tsecond\n");
        Path qrels = Files.writeString(dir.resolve("bad.qrels"), "q1 0 d1 1\nq2 0 d2\n");
        var bad = run("evalsets", "import", "--workspace", ws, "--name", "bad", "--format", "trec", "--topics",
                topics.toString(), "--qrels", qrels.toString());
        assertThat(bad.exit()).isEqualTo(Cli.BAD_INPUT);
        assertThat(bad.lastErrLine()).startsWith("error: ").contains("bad.qrels:2:").endsWith(".");
        assertThat(run("evalsets", "list", "--workspace", ws, "--json").out().strip()).isEqualTo("[ ]");

        var missing = run("evalsets", "import", "--workspace", ws, "--name", "t", "--format", "trec", "--topics",
                topics.toString());
        assertThat(missing.exit()).isEqualTo(Cli.BAD_INPUT);
        assertThat(missing.lastErrLine()).contains("needs --qrels");

        var wrong = run("evalsets", "import", "--workspace", ws, "--name", "t", "--format", "squad", "--topics",
                topics.toString());
        assertThat(wrong.exit()).isEqualTo(Cli.BAD_INPUT);
        assertThat(wrong.lastErrLine()).contains("--topics does not go with --format squad");

        var noCorpus = run("evalsets", "import", "--workspace", ws, "--name", "r", "--format", "ragas", "--path",
                topics.toString());
        assertThat(noCorpus.exit()).isEqualTo(Cli.BAD_INPUT);
        assertThat(noCorpus.lastErrLine()).contains("--corpus");

        var format = run("evalsets", "import", "--workspace", ws, "--name", "x", "--format", "csv", "--path",
                topics.toString());
        assertThat(format.exit()).isEqualTo(Cli.BAD_INPUT);
        assertThat(format.lastErrLine()).contains("unknown eval set format 'csv'");

        var unknown = run("evalsets", "show", "nothing", "--workspace", ws);
        assertThat(unknown.exit()).isEqualTo(Cli.BAD_INPUT);
        assertThat(unknown.lastErrLine()).contains("no eval set called nothing");

        var gone = run("evalsets", "import", "--workspace", ws, "--name", "t", "--format", "squad", "--path",
                dir.resolve("absent.json").toString());
        assertThat(gone.exit()).isEqualTo(Cli.BAD_INPUT);
        assertThat(gone.lastErrLine()).contains("absent.json does not exist");
    }
}
