package dev.ragworkbench.ingest;

import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.CancelledException;
import dev.ragworkbench.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BeirImportTest {

    private static final Logger log = LoggerFactory.getLogger(BeirImportTest.class);
    private static final Path SCIFACT =
            Path.of(System.getProperty("ragworkbench.shared.data")).resolve("scifact/corpus.jsonl");

    @TempDir
    Path tmp;

    Workspace ws;
    DocumentStore store;

    @BeforeEach
    void setUp() {
        ws = Workspace.open(tmp.resolve("ws"));
        store = new DocumentStore(ws);
    }

    @AfterEach
    void tearDown() {
        ws.close();
    }

    @Test
    void eachLineIsADocumentAndBrokenLinesFailAloneNamingFileAndLine() throws Exception {
        var bytes = new ByteArrayOutputStream();
        bytes.writeBytes("""
                {"_id": "d1", "title": "First", "text": "one", "metadata": {"url": "http://x", "n": 3, "a": {"b": true}, "tags": ["p", "q"], "none": null}}
                {"_id": "d2", "title": "Second", "text": "two"
                {"_id": 7, "title": "Numeric id", "text": "seven", "metadata": {}}

                {"_id": "d1", "title": "Again", "text": "dup id"}
                {"title": "no id", "text": "x"}
                {"_id": "d3", "title": "", "text": "  "}
                {"_id": "d4", "title": "Title only", "text": ""}
                """.getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {'{', '"', '_', 'i', 'd', '"', ':', '"', 'd', '5', '"', ',', '"', 't', 'e', 'x',
                't', '"', ':', '"', (byte) 0xC3, '(', '"', '}', '\r', '\n'});
        bytes.writeBytes("{\"_id\": \"d6\", \"text\": \"last line without newline\"}".getBytes(StandardCharsets.UTF_8));
        Path file = TestFiles.write(tmp, "toy/corpus.jsonl", bytes.toByteArray());
        var listener = new RecordingListener();

        ImportResult result = new Importer().importCorpus(ws, file, ImportFormat.AUTO, null, listener,
                Cancellation.none());

        assertThat(result.corpus()).isEqualTo("toy");
        assertThat(result.format()).isEqualTo(ImportFormat.BEIR);
        assertThat(result.added()).isEqualTo(4);
        assertThat(store.documents("toy")).extracting(Document::id).containsExactly("7", "d1", "d4", "d6");
        Document d1 = store.document("toy", "d1").orElseThrow();
        assertThat(d1.title()).isEqualTo("First");
        assertThat(d1.text()).isEqualTo("one");
        assertThat(d1.type()).isEqualTo("beir");
        assertThat(d1.source()).isEqualTo(file.toAbsolutePath() + ":1");
        assertThat(d1.metadata()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "url", "http://x", "n", "3", "a.b", "true", "tags", "[\"p\",\"q\"]"));
        assertThat(store.document("toy", "d4").orElseThrow().text()).isEmpty();

        assertThat(result.failures()).extracting(ImportFailure::source)
                .containsExactly("corpus.jsonl:2", "corpus.jsonl:5", "corpus.jsonl:6", "corpus.jsonl:7", "corpus.jsonl:9");
        assertThat(result.failures()).extracting(ImportFailure::reason).satisfiesExactly(
                r -> assertThat(r).startsWith("line 2 of corpus.jsonl: malformed JSON"),
                r -> assertThat(r).isEqualTo("line 5 of corpus.jsonl: duplicate _id \"d1\" (first on line 1)"),
                r -> assertThat(r).isEqualTo("line 6 of corpus.jsonl: no \"_id\""),
                r -> assertThat(r).startsWith("line 7 of corpus.jsonl: no text"),
                r -> assertThat(r).startsWith("line 9 of corpus.jsonl: malformed JSON").containsIgnoringCase("UTF-8"));
        assertThat(store.failures("toy")).hasSize(5);
        assertThat(listener.notes).contains("skipped corpus.jsonl:2: " + result.failures().getFirst().reason());
        assertThat(listener.steps.getLast()).isEqualTo(new RecordingListener.Step("import", 10, 10));
    }

    @Test
    void equalTextsUnderDifferentIdsAreKeptBecauseQrelsReferToEveryId() throws Exception {
        Path file = TestFiles.write(tmp, "c.jsonl", """
                {"_id": "a", "title": "Paper A", "text": ""}
                {"_id": "b", "title": "Paper B", "text": ""}
                """);
        ImportResult result = new Importer().importCorpus(ws, file, ImportFormat.AUTO, null, new RecordingListener(),
                Cancellation.none());
        assertThat(result.corpus()).isEqualTo("c");
        assertThat(result.added()).isEqualTo(2);
        assertThat(result.duplicates()).isZero();
    }

    @Test
    void beirGivenForAFolderReadsItsCorpusJsonl() throws Exception {
        TestFiles.write(tmp, "set/corpus.jsonl", "{\"_id\": \"x\", \"title\": \"t\", \"text\": \"body\"}\n");
        TestFiles.write(tmp, "set/queries.jsonl", "{\"_id\": \"q\", \"text\": \"query\"}\n");
        ImportResult result = new Importer().importCorpus(ws, tmp.resolve("set"), ImportFormat.BEIR, null,
                new RecordingListener(), Cancellation.none());
        assertThat(result.corpus()).isEqualTo("set");
        assertThat(store.documents("set")).extracting(Document::id).containsExactly("x");
    }

    @Test
    void realSciFactImportsFastAndReimportsAsANoOp() {
        var importer = new Importer();
        ImportResult first = importer.importCorpus(ws, SCIFACT, ImportFormat.AUTO, null, new RecordingListener(),
                Cancellation.none());
        ImportResult again = importer.importCorpus(ws, SCIFACT, ImportFormat.AUTO, null, new RecordingListener(),
                Cancellation.none());
        long readStart = System.nanoTime();
        var all = store.documents("scifact");
        long readMillis = (System.nanoTime() - readStart) / 1_000_000;
        log.info("SciFact: import {} ms, re-import {} ms, documents() {} ms", first.elapsed().toMillis(),
                again.elapsed().toMillis(), readMillis);

        assertThat(first.corpus()).isEqualTo("scifact");
        assertThat(first.added()).isEqualTo(5183);
        assertThat(first.failures()).isEmpty();
        assertThat(again).extracting(ImportResult::added, ImportResult::updated, ImportResult::unchanged)
                .containsExactly(0, 0, 5183);
        assertThat(all).hasSize(5183);
        assertThat(all).extracting(Document::id).isSortedAccordingTo(String::compareTo);
        Document known = store.document("scifact", "4983").orElseThrow();
        assertThat(known.title()).isEqualTo("Microstructural development of human newborn cerebral white matter "
                + "assessed in vivo by diffusion tensor magnetic resonance imaging.");
        assertThat(known.text()).startsWith("Alterations of the architecture of cerebral white matter");
        assertThat(known.source()).endsWith("corpus.jsonl:1");
        assertThat(store.corpora()).singleElement().satisfies(c -> {
            assertThat(c.format()).isEqualTo("beir");
            assertThat(c.documents()).isEqualTo(5183);
        });
        // Generous bounds for a shared 2-core machine; the log line has the real numbers.
        assertThat(first.elapsed()).isLessThan(java.time.Duration.ofSeconds(30));
        assertThat(again.elapsed()).isLessThan(first.elapsed());
    }

    @Test
    void cancellingMidImportKeepsCommittedBatchesAndLeavesAConsistentDatabase() throws Exception {
        var cancel = new Cancellation();
        var listener = new RecordingListener() {
            @Override
            public void progress(String stage, long done, long total) {
                if (done == 1234) {
                    cancel.cancel();
                }
            }
        };

        assertThatThrownBy(() -> new Importer(500).importCorpus(ws, SCIFACT, ImportFormat.AUTO, null, listener,
                cancel)).isInstanceOf(CancelledException.class);

        // Lines 1..1234 were read before the cancel was seen; everything read is committed, nothing more.
        assertThat(store.count("scifact")).isEqualTo(1234);
        assertThat(store.corpus("scifact")).isPresent();
        for (Document doc : store.documents("scifact")) {
            assertThat(doc.contentHash()).isEqualTo(ContentHash.of(doc.text()));
        }
        assertThat(rowsWithWrongLength()).isZero();

        ImportResult resumed = new Importer().importCorpus(ws, SCIFACT, ImportFormat.AUTO, null,
                new RecordingListener(), Cancellation.none());
        assertThat(resumed.unchanged()).isEqualTo(1234);
        assertThat(resumed.added()).isEqualTo(5183 - 1234);
        assertThat(store.count("scifact")).isEqualTo(5183);
    }

    private int rowsWithWrongLength() throws SQLException {
        try (var c = ws.connection();
             var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM document WHERE chars <> LENGTH(text)")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void sciFactIsThere() {
        assertThat(Files.isRegularFile(SCIFACT)).as("shared data at " + SCIFACT).isTrue();
    }
}
