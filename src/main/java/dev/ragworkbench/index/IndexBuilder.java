package dev.ragworkbench.index;

import dev.ragworkbench.chunking.Chunk;
import dev.ragworkbench.embedding.Embedder;
import dev.ragworkbench.ingest.Document;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;

/**
 * Builds one Lucene index from documents: chunk, embed (through whatever cache the embedder carries), write.
 * The index is built in a temporary folder and moved into place only when complete, so a crash or a cancel
 * never leaves a half-built index where a search would find it.
 */
public final class IndexBuilder {

    /** Chunks embedded and written per step: large enough for good batches, small enough to cancel promptly. */
    private static final int STEP = 256;

    private final Path indexesDir;

    public IndexBuilder(Path indexesDir) {
        this.indexesDir = indexesDir;
    }

    /** What a build produced: the chunks of every document, for callers that record them. */
    public record Result(IndexInfo info, List<Chunk> chunks) {
    }

    /**
     * @param embedder null for a text-only index ({@code settings.embedder()} must then be {@code none})
     */
    public Result build(IndexSettings settings, List<Document> documents, Function<Document, List<Chunk>> chunker,
                        Embedder embedder, ProgressListener progress, Cancellation cancel) {
        if (settings.hasVectors() != (embedder != null)) {
            throw new IllegalArgumentException("index settings and embedder disagree: " + settings.embedder());
        }
        var items = chunkAll(documents, chunker, progress, cancel);
        Path target = indexesDir.resolve(settings.name());
        Path temp = indexesDir.resolve(".building-" + settings.name() + "-" + ProcessHandle.current().pid());
        try {
            deleteRecursively(temp);
            Files.createDirectories(temp);
            write(temp, settings, documents.size(), items, embedder, progress, cancel);
            deleteRecursively(target);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot write index " + settings.name() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
        var chunks = items.stream().map(Item::chunk).toList();
        return new Result(Indexes.info(target), chunks);
    }

    private record Item(Document document, Chunk chunk, String text) {
    }

    private static List<Item> chunkAll(List<Document> documents, Function<Document, List<Chunk>> chunker,
                                       ProgressListener progress, Cancellation cancel) {
        var items = new ArrayList<Item>();
        int done = 0;
        for (Document document : documents) {
            cancel.check();
            for (Chunk chunk : chunker.apply(document)) {
                items.add(new Item(document, chunk, IndexedText.of(document, chunk)));
            }
            progress.progress("chunk", ++done, documents.size());
        }
        return items;
    }

    private static void write(Path dir, IndexSettings settings, int documents, List<Item> items, Embedder embedder,
                              ProgressListener progress, Cancellation cancel) throws IOException {
        var config = new IndexWriterConfig(TextAnalyzers.create(settings.analyzer()))
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(256);
        try (var directory = FSDirectory.open(dir); var writer = new IndexWriter(directory, config)) {
            for (int from = 0; from < items.size(); from += STEP) {
                cancel.check();
                var step = items.subList(from, Math.min(items.size(), from + STEP));
                List<float[]> vectors = embedder == null ? null
                        : embedder.embedDocuments(step.stream().map(Item::text).toList(), ProgressListener.NONE, cancel);
                for (int i = 0; i < step.size(); i++) {
                    writer.addDocument(toLucene(step.get(i), vectors == null ? null : vectors.get(i)));
                }
                progress.progress("index", from + step.size(), items.size());
            }
            cancel.check();
            var userData = new LinkedHashMap<>(settings.toUserData());
            userData.put(ChunkFields.BUILT_AT, Instant.now().toString());
            userData.put(ChunkFields.DOCUMENTS, Integer.toString(documents));
            writer.setLiveCommitData(userData.entrySet());
            writer.forceMerge(1);
            writer.commit();
        }
    }

    private static List<Field> fieldsOf(Item item) {
        var chunk = item.chunk();
        return List.of(
                new StringField(ChunkFields.CHUNK_ID, chunk.id(), Field.Store.YES),
                new StringField(ChunkFields.DOC_ID, chunk.documentId(), Field.Store.YES),
                // Doc values give hit lists their ids column-wise, without decompressing stored fields.
                new SortedDocValuesField(ChunkFields.DOC_ID, new BytesRef(chunk.documentId())),
                new StoredField(ChunkFields.ORDINAL, chunk.ordinal()),
                new NumericDocValuesField(ChunkFields.ORDINAL, chunk.ordinal()),
                new StoredField(ChunkFields.START, chunk.start()),
                new StoredField(ChunkFields.END, chunk.end()),
                new StoredField(ChunkFields.TOKENS, chunk.tokenCount()),
                new StoredField(ChunkFields.TITLE, item.document().title()),
                new StoredField(ChunkFields.TEXT, chunk.text()),
                new TextField(ChunkFields.CONTENTS, item.text(), Field.Store.NO));
    }

    private static List<Field> toLucene(Item item, float[] vector) {
        var fields = new ArrayList<>(fieldsOf(item));
        if (vector != null) {
            // Vectors are unit length, so dot product ranks exactly as cosine does, and is cheaper.
            fields.add(new KnnFloatVectorField(ChunkFields.VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        }
        return fields;
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            deleteRecursively(path);
        } catch (IOException ignored) {
            // a leftover temp folder is harmless: its name starts with '.', so listings skip it
        }
    }
}
