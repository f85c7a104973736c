package dev.ragworkbench.ingest;

import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentStoreTest {

    @TempDir
    Path tmp;

    @Test
    void readsListsAndDeletesAcrossReopening() throws Exception {
        Path a = tmp.resolve("alpha");
        TestFiles.write(a, "one.md", "# One\nfirst");
        TestFiles.write(a, "two.txt", "second");
        TestFiles.write(a, "bad.png", TestFiles.pngLike());
        Path b = tmp.resolve("beta");
        TestFiles.write(b, "p.pdf", TestFiles.pdf("P", "Ann", new String[] {"page one"}, new String[] {"page two"}));

        try (var ws = Workspace.open(tmp.resolve("ws"))) {
            var importer = new Importer();
            importer.importCorpus(ws, a, ImportFormat.AUTO, null, ProgressListener.NONE, Cancellation.none());
            importer.importCorpus(ws, b, ImportFormat.AUTO, null, ProgressListener.NONE, Cancellation.none());
        }

        // Everything is in the database file, not in memory: a fresh open sees it.
        try (var ws = Workspace.open(tmp.resolve("ws"))) {
            var store = new DocumentStore(ws);
            assertThat(store.corpora()).extracting(CorpusInfo::name, CorpusInfo::format, CorpusInfo::documents)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("alpha", "files", 2),
                            org.assertj.core.groups.Tuple.tuple("beta", "files", 1));
            Document pdf = store.document("beta", "p.pdf").orElseThrow();
            assertThat(pdf.pageStarts()).hasSize(2);
            assertThat(pdf.pageAt(pdf.text().indexOf("page two"))).isEqualTo(2);
            assertThat(pdf.metadata()).containsEntry("author", "Ann").containsEntry("pages", "2");
            assertThat(store.document("beta", "nope")).isEmpty();
            assertThat(store.count("nope")).isZero();
            assertThat(store.failures("alpha")).extracting(ImportFailure::source).containsExactly("bad.png");

            var streamed = new ArrayList<String>();
            store.forEachDocument("alpha", d -> streamed.add(d.id()));
            assertThat(streamed).containsExactly("one.md", "two.txt");

            assertThat(store.deleteDocument("alpha", "two.txt")).isTrue();
            assertThat(store.deleteDocument("alpha", "two.txt")).isFalse();
            assertThat(store.count("alpha")).isEqualTo(1);

            assertThat(store.deleteCorpus("alpha")).isTrue();
            assertThat(store.deleteCorpus("alpha")).isFalse();
            assertThat(store.corpora()).extracting(CorpusInfo::name).containsExactly("beta");
            assertThat(store.count("alpha")).isZero();
            assertThat(store.failures("alpha")).isEmpty();
            assertThat(store.count("beta")).isEqualTo(1);
        }
    }

    @Test
    void aDeletedDocumentComesBackOnTheNextImport() throws Exception {
        Path a = tmp.resolve("alpha");
        TestFiles.write(a, "one.md", "# One\nfirst");
        try (var ws = Workspace.open(tmp.resolve("ws"))) {
            var importer = new Importer();
            var store = new DocumentStore(ws);
            importer.importCorpus(ws, a, ImportFormat.AUTO, null, ProgressListener.NONE, Cancellation.none());
            store.deleteDocument("alpha", "one.md");

            ImportResult again = importer.importCorpus(ws, a, ImportFormat.AUTO, null, ProgressListener.NONE,
                    Cancellation.none());

            assertThat(again.added()).isEqualTo(1);
            assertThat(store.document("alpha", "one.md")).isPresent();
        }
    }
}
