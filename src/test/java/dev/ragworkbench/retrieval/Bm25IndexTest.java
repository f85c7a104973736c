package dev.ragworkbench.retrieval;

import dev.ragworkbench.chunking.Chunk;
import dev.ragworkbench.index.ChunkIndex;
import dev.ragworkbench.index.IndexBuilder;
import dev.ragworkbench.index.IndexException;
import dev.ragworkbench.index.IndexSettings;
import dev.ragworkbench.index.Indexes;
import dev.ragworkbench.ingest.Document;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.CancelledException;
import dev.ragworkbench.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real Lucene index on disk, built and searched without an embedder. */
class Bm25IndexTest {

    @TempDir
    Path dir;

    static Document doc(String id, String title, String text) {
        return new Document(id, id, title, text, Integer.toHexString(text.hashCode()), "text", Map.of(), List.of());
    }

    /** Whole documents as one chunk each, and (for a second index) sentence chunks. */
    static List<Chunk> wholeDocument(Document d) {
        return List.of(new Chunk(d.id(), 0, 0, d.text().length(), d.text(), d.text().split("\\s+").length, Map.of()));
    }

    static List<Chunk> sentences(Document d) {
        var chunks = new java.util.ArrayList<Chunk>();
        int start = 0;
        for (String s : d.text().split("(?<=\\.) ")) {
            int at = d.text().indexOf(s, start);
            chunks.add(new Chunk(d.id(), chunks.size(), at, at + s.length(), s, 1, Map.of()));
            start = at + s.length();
        }
        return chunks;
    }

    static final List<Document> DOCS = List.of(
            doc("a", "Interleukin signalling", "IL-6 levels rise in sepsis. Patients with high IL-6 die more often."),
            doc("b", "Vitamin D", "Vitamin D supplements do not prevent fractures in older adults."),
            doc("c", "Cats", "Cats sleep most of the day. Dogs do not. Sepsis is not a topic here."));

    IndexSettings settings(String name) {
        return new IndexSettings(name, "tiny", "none", IndexSettings.NO_EMBEDDER, "english", 0);
    }

    @Test
    void ranksByBm25AndTreatsQuerySyntaxAsText() {
        var built = new IndexBuilder(dir).build(settings("tiny.none.none"), DOCS, Bm25IndexTest::wholeDocument, null,
                ProgressListener.NONE, Cancellation.none());
        assertThat(built.info().chunks()).isEqualTo(3);
        assertThat(built.info().documents()).isEqualTo(3);
        try (var index = ChunkIndex.open(built.info())) {
            var bm25 = Retrievers.create(RetrieverSpec.parse("bm25"), index, null);
            // Lucene syntax characters are plain text here: no parse error, no field query, no range.
            var hits = bm25.search("IL-6 (sepsis): title:cats AND [a TO z] / \"", 10);
            // b shares no term with the query, so only a (IL-6, sepsis) and c (cats, sepsis) match.
            assertThat(hits).extracting(Hit::documentId).containsExactly("a", "c");
            assertThat(hits).extracting(Hit::rank).containsExactly(1, 2);
            assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
            // Title words are searchable: the title is part of the BM25 field.
            assertThat(bm25.search("interleukin", 10)).extracting(Hit::documentId).containsExactly("a");
            assertThat(bm25.search("the of and", 10)).isEmpty();
        }
    }

    @Test
    void bm25ParametersApplyAtSearchTime() {
        var info = new IndexBuilder(dir).build(settings("p"), DOCS, Bm25IndexTest::wholeDocument, null,
                ProgressListener.NONE, Cancellation.none()).info();
        try (var index = ChunkIndex.open(info)) {
            double a = Retrievers.create(RetrieverSpec.parse("bm25:k1=0.9,b=0.4"), index, null).search("sepsis", 1)
                    .getFirst().score();
            double b = Retrievers.create(RetrieverSpec.parse("bm25:k1=2.0,b=1"), index, null).search("sepsis", 1)
                    .getFirst().score();
            assertThat(a).isNotEqualTo(b);
        }
    }

    @Test
    void documentRankingKeepsEachDocumentsBestChunk() {
        var info = new IndexBuilder(dir).build(settings("s"), DOCS, Bm25IndexTest::sentences, null,
                ProgressListener.NONE, Cancellation.none()).info();
        try (var index = ChunkIndex.open(info)) {
            var bm25 = Retrievers.create(RetrieverSpec.parse("bm25"), index, null);
            var chunks = bm25.search("sepsis IL-6", 10);
            assertThat(chunks.stream().map(Hit::documentId).distinct().count()).isLessThan(chunks.size());
            var docs = DocumentRanking.topDocuments(bm25, "sepsis IL-6", 10, info.chunks());
            assertThat(docs).extracting(Hit::documentId).containsExactly("a", "c");
            assertThat(docs).extracting(Hit::rank).containsExactly(1, 2);
            assertThat(docs.getFirst().score()).isEqualTo(chunks.getFirst().score());
            var stored = index.chunk(docs.getFirst().luceneDoc());
            assertThat(stored.text()).isEqualTo(DOCS.getFirst().text().substring(stored.start(), stored.end()));
        }
    }

    @Test
    void refusesDenseRetrievalOnAnIndexWithoutVectors() {
        var info = new IndexBuilder(dir).build(settings("n"), DOCS, Bm25IndexTest::wholeDocument, null,
                ProgressListener.NONE, Cancellation.none()).info();
        try (var index = ChunkIndex.open(info)) {
            assertThatThrownBy(() -> index.requireEmbedder("all-minilm-l6-v2"))
                    .isInstanceOf(IndexException.class).hasMessageContaining("without an embedder");
            assertThatThrownBy(() -> Retrievers.create(RetrieverSpec.parse("dense"), index, null))
                    .hasMessageContaining("needs an embedder");
        }
    }

    @Test
    void listsResolvesAndDeletesIndexes() {
        var builder = new IndexBuilder(dir);
        builder.build(settings("first"), DOCS, Bm25IndexTest::wholeDocument, null, ProgressListener.NONE,
                Cancellation.none());
        builder.build(settings("second"), DOCS, Bm25IndexTest::sentences, null, ProgressListener.NONE,
                Cancellation.none());
        var indexes = new Indexes(dir);
        assertThat(indexes.list()).extracting(i -> i.name()).containsExactlyInAnyOrder("first", "second");
        assertThat(indexes.resolve(null).name()).isEqualTo("second");
        assertThat(indexes.list().getFirst().sizeBytes()).isPositive();
        indexes.delete("second");
        assertThat(indexes.resolve(null).name()).isEqualTo("first");
        assertThatThrownBy(() -> indexes.resolve("nope")).hasMessageContaining("known: first");
    }

    @Test
    void aCancelledBuildLeavesNoIndexBehind() throws Exception {
        var cancel = new Cancellation();
        ProgressListener cancelAfterChunking = (stage, done, total) -> {
            if (stage.equals("chunk") && done == total) {
                cancel.cancel();
            }
        };
        assertThatThrownBy(() -> new IndexBuilder(dir).build(settings("gone"), DOCS, Bm25IndexTest::wholeDocument,
                null, cancelAfterChunking, cancel)).isInstanceOf(CancelledException.class);
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void retrieverSpecsParseValidateAndRoundTrip() {
        assertThat(RetrieverSpec.parse("bm25").toString()).isEqualTo("bm25:b=0.4,k1=0.9");
        assertThat(RetrieverSpec.parse("hybrid-weighted:alpha=0.3").number("alpha")).isEqualTo(0.3);
        var spec = RetrieverSpec.parse("hybrid-rrf:k=60,depth=100");
        assertThat(RetrieverSpec.parse(spec.toString())).isEqualTo(spec);
        assertThatThrownBy(() -> RetrieverSpec.parse("bm25:k2=1")).hasMessageContaining("no parameter 'k2'");
        assertThatThrownBy(() -> RetrieverSpec.parse("bm25:b=2")).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> RetrieverSpec.parse("splade")).hasMessageContaining("valid: bm25, dense");
        assertThatThrownBy(() -> RetrieverSpec.parse("dense:exact=yes")).hasMessageContaining("true or false");
    }
}
