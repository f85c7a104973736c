package dev.ragworkbench.ingest;

import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.CancelledException;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class FilesImportTest {

    @TempDir
    Path tmp;

    Path corpus;
    Workspace ws;
    DocumentStore store;
    final Importer importer = new Importer();

    @BeforeEach
    void setUp() {
        corpus = tmp.resolve("My Papers");
        ws = Workspace.open(tmp.resolve("ws"));
        store = new DocumentStore(ws);
    }

    @AfterEach
    void tearDown() {
        ws.close();
    }

    private ImportResult importFolder(RecordingListener listener) {
        return importer.importCorpus(ws, corpus, ImportFormat.AUTO, null, listener, Cancellation.none());
    }

    @Test
    void walksTheFolderRecursivelyInSortedOrderSkippingHiddenEntries() throws Exception {
        TestFiles.write(corpus, "sub/dir/file.md", "# Deep\nbody");
        TestFiles.write(corpus, "b.txt", "bee");
        TestFiles.write(corpus, "a-c.txt", "a dash c");
        TestFiles.write(corpus, "a/z.txt", "a slash z");
        TestFiles.write(corpus, "papers/bert.pdf", TestFiles.pdf("BERT", null, new String[] {"bidirectional"}));
        TestFiles.write(corpus, ".hidden.txt", "hidden file");
        TestFiles.write(corpus, ".git/config", "hidden folder");
        TestFiles.write(corpus, "sub/.cache/x.txt", "hidden nested folder");

        var listener = new RecordingListener();
        ImportResult result = importFolder(listener);

        assertThat(result.corpus()).isEqualTo("my-papers");
        assertThat(result.format()).isEqualTo(ImportFormat.FILES);
        assertThat(result.added()).isEqualTo(5);
        assertThat(result.failures()).isEmpty();
        assertThat(store.documents("my-papers")).extracting(Document::id)
                .containsExactly("a-c.txt", "a/z.txt", "b.txt", "papers/bert.pdf", "sub/dir/file.md");
        assertThat(listener.steps).extracting(RecordingListener.Step::done).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(listener.steps).allSatisfy(s -> {
            assertThat(s.stage()).isEqualTo("import");
            assertThat(s.total()).isEqualTo(5);
        });
        Document deep = store.document("my-papers", "sub/dir/file.md").orElseThrow();
        assertThat(deep.title()).isEqualTo("Deep");
        assertThat(deep.source()).isEqualTo(corpus.resolve("sub/dir/file.md").toAbsolutePath().toString());
        assertThat(store.document("my-papers", "papers/bert.pdf").orElseThrow().pageStarts()).containsExactly(0);
        assertThat(store.corpora()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("my-papers");
            assertThat(c.format()).isEqualTo("files");
            assertThat(c.documents()).isEqualTo(5);
            assertThat(c.source()).isEqualTo(corpus.toAbsolutePath().toString());
        });
    }

    @Test
    void badFilesAreReportedByNameWhileTheGoodOnesImport() throws Exception {
        TestFiles.write(corpus, "good.md", "# Good\ntext");
        TestFiles.write(corpus, "docs/good.html", "<p>fine</p>");
        byte[] pdf = TestFiles.pdf("x", null, new String[] {"x"});
        TestFiles.write(corpus, "broken.pdf", java.util.Arrays.copyOf(pdf, pdf.length / 3));
        TestFiles.write(corpus, "logo.png", TestFiles.pngLike());
        TestFiles.write(corpus, "archive.zip", "PK\u0003\u0004");
        TestFiles.write(corpus, "latin1.txt", "na\u00efve".getBytes(StandardCharsets.ISO_8859_1));
        TestFiles.write(corpus, "empty.txt", "");
        TestFiles.write(corpus, "binary", TestFiles.pngLike());
        Files.createSymbolicLink(corpus.resolve("dangling.txt"), corpus.resolve("gone.txt"));

        var listener = new RecordingListener();
        ImportResult result = importFolder(listener);

        assertThat(result.added()).isEqualTo(2);
        assertThat(store.documents("my-papers")).extracting(Document::id).containsExactly("docs/good.html", "good.md");
        assertThat(result.failures()).extracting(ImportFailure::source).containsExactly(
                "archive.zip", "binary", "broken.pdf", "dangling.txt", "empty.txt", "latin1.txt", "logo.png");
        assertThat(result.failures()).satisfiesExactly(
                f -> assertThat(f.reason()).contains("unsupported file type .zip"),
                f -> assertThat(f.reason()).contains("binary"),
                f -> assertThat(f.reason()).containsIgnoringCase("pdf"),
                f -> assertThat(f.reason()).contains("unreadable", "not found"),
                f -> assertThat(f.reason()).contains("no text"),
                f -> assertThat(f.reason()).contains("not valid UTF-8"),
                f -> assertThat(f.reason()).contains("unsupported file type .png"));
        assertThat(store.failures("my-papers")).containsExactlyElementsOf(result.failures());
        assertThat(listener.notes).contains("skipped logo.png: " + result.failures().getLast().reason());
    }

    @Test
    void unreadableFilesAreReported() throws Exception {
        Path secret = TestFiles.write(corpus, "secret.txt", "top secret");
        TestFiles.write(corpus, "open.txt", "open");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(secret)).as("permissions are enforced (not running as root)").isFalse();

        ImportResult result = importFolder(new RecordingListener());

        assertThat(result.added()).isEqualTo(1);
        assertThat(result.failures()).containsExactly(new ImportFailure("secret.txt", "unreadable: permission denied"));
    }

    @Test
    void reimportIsANoOpChangesUpdateAndDuplicateContentIsSkippedWithANote() throws Exception {
        TestFiles.write(corpus, "a.md", "# A\nalpha");
        TestFiles.write(corpus, "b.txt", "beta");
        ImportResult first = importFolder(new RecordingListener());
        assertThat(first.added()).isEqualTo(2);
        Document before = store.document("my-papers", "b.txt").orElseThrow();

        ImportResult again = importFolder(new RecordingListener());
        assertThat(again).extracting(ImportResult::added, ImportResult::updated, ImportResult::unchanged,
                ImportResult::duplicates).containsExactly(0, 0, 2, 0);
        assertThat(store.document("my-papers", "b.txt")).contains(before);

        TestFiles.write(corpus, "b.txt", "beta, second edition");
        TestFiles.write(corpus, "copy/of-a.md", "# A\nalpha");
        var listener = new RecordingListener();
        ImportResult changed = importFolder(listener);

        assertThat(changed).extracting(ImportResult::added, ImportResult::updated, ImportResult::unchanged,
                ImportResult::duplicates).containsExactly(0, 1, 1, 1);
        assertThat(listener.notes).containsExactly("duplicate copy/of-a.md: same text as a.md, skipped");
        Document after = store.document("my-papers", "b.txt").orElseThrow();
        assertThat(after.text()).isEqualTo("beta, second edition");
        assertThat(after.contentHash()).isEqualTo(ContentHash.of("beta, second edition"));
        assertThat(store.count("my-papers")).isEqualTo(2);
    }

    @Test
    void titleChangeWithTheSameTextIsAnUpdate() throws Exception {
        Path pdf = TestFiles.write(corpus, "p.pdf", TestFiles.pdf("Old title", null, new String[] {"same text"}));
        importFolder(new RecordingListener());
        Files.write(pdf, TestFiles.pdf("New title", null, new String[] {"same text"}));

        ImportResult result = importFolder(new RecordingListener());

        assertThat(result.updated()).isEqualTo(1);
        assertThat(store.document("my-papers", "p.pdf").orElseThrow().title()).isEqualTo("New title");
    }

    @Test
    void aFailureIsClearedOnceTheFileImportsAndWhenTheFileIsGone() throws Exception {
        Path bad = TestFiles.write(corpus, "notes.txt", new byte[] {'o', 'k', (byte) 0xFF});
        Path gone = TestFiles.write(corpus, "gone.txt", "");
        TestFiles.write(corpus, "fine.txt", "fine");
        importFolder(new RecordingListener());
        assertThat(store.failures("my-papers")).extracting(ImportFailure::source).containsExactly("gone.txt", "notes.txt");

        Files.writeString(bad, "ok now");
        Files.delete(gone);
        ImportResult result = importFolder(new RecordingListener());

        assertThat(result.failures()).isEmpty();
        assertThat(result.added()).isEqualTo(1);
        assertThat(store.failures("my-papers")).isEmpty();
    }

    @Test
    void aSingleFileIsACorpusOfOneDocumentIdentifiedByItsName() throws Exception {
        Path file = TestFiles.write(tmp, "docs/Guide v2.MD", "# Guide\ntext");

        ImportResult result = importer.importCorpus(ws, file, ImportFormat.AUTO, null, new RecordingListener(),
                Cancellation.none());

        assertThat(result.corpus()).isEqualTo("guide-v2");
        assertThat(store.documents("guide-v2")).singleElement()
                .satisfies(d -> assertThat(d.id()).isEqualTo("Guide v2.MD"));
    }

    @Test
    void anExplicitNameIsUsedAndCleaned() throws Exception {
        TestFiles.write(corpus, "x.txt", "x");
        ImportResult result = importer.importCorpus(ws, corpus, ImportFormat.FILES, "Team Docs/2025",
                ProgressListener.NONE, Cancellation.none());
        assertThat(result.corpus()).isEqualTo("team-docs-2025");
        assertThat(store.count("team-docs-2025")).isEqualTo(1);
    }

    @Test
    void aMissingPathIsAnError() {
        assertThatThrownBy(() -> importer.importCorpus(ws, tmp.resolve("nope"), ImportFormat.AUTO, null,
                new RecordingListener(), Cancellation.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such file or folder");
    }

    @Test
    void cancellingBetweenFilesKeepsWhatWasCommitted() throws Exception {
        for (int i = 0; i < 10; i++) {
            TestFiles.write(corpus, "f%02d.txt".formatted(i), "file number " + i);
        }
        var cancel = new Cancellation();
        var listener = new RecordingListener() {
            @Override
            public void progress(String stage, long done, long total) {
                super.progress(stage, done, total);
                if (done == 4) {
                    cancel.cancel();
                }
            }
        };

        assertThatThrownBy(() -> new Importer(3).importCorpus(ws, corpus, ImportFormat.AUTO, null, listener, cancel))
                .isInstanceOf(CancelledException.class);

        assertThat(store.documents("my-papers")).extracting(Document::id)
                .containsExactly("f00.txt", "f01.txt", "f02.txt", "f03.txt");
        ImportResult rest = importFolder(new RecordingListener());
        assertThat(rest.added()).isEqualTo(6);
        assertThat(rest.unchanged()).isEqualTo(4);
    }
}
