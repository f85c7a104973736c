package dev.ragworkbench.index;

import dev.ragworkbench.chunking.Chunk;
import dev.ragworkbench.embedding.Embedder;
import dev.ragworkbench.ingest.CorpusFingerprint;
import dev.ragworkbench.ingest.Document;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.progress.Stages;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** The Lucene side of {@link IndexBuilder}: how chunks become Lucene documents, and how they are written fast. */
final class ChunkWriting {

    /** Chunks embedded and written per step: large enough for good batches, small enough to cancel promptly. */
    static final int STEP = 256;
    /**
     * Below this many chunks a BM25-only build writes on one thread: a second thread's start and a second
     * segment cost more than they save.
     */
    static final int PARALLEL_MIN = 2_000;

    /** One chunk with its document and the text its index fields are made of. */
    record Item(Document document, Chunk chunk, String text) {
    }

    private static final int THREADS = Math.min(2, Runtime.getRuntime().availableProcessors());

    private ChunkWriting() {
    }

    /** Whether a build of {@code chunks} chunks writes on several threads (see {@link #writeAll}). */
    static boolean parallel(Embedder embedder, int chunks) {
        return embedder == null && THREADS >= 2 && chunks >= PARALLEL_MIN;
    }

    static IndexWriterConfig config(IndexSettings settings, double ramBufferMb) {
        // Compound files save file handles on huge indexes, but cost a copy of every flushed segment; ours are few.
        var mergePolicy = new TieredMergePolicy();
        mergePolicy.setNoCFSRatio(0);
        return new IndexWriterConfig(TextAnalyzers.create(settings.analyzer()))
                .setRAMBufferSizeMB(ramBufferMb)
                .setUseCompoundFile(false)
                .setMergePolicy(mergePolicy);
    }

    /**
     * Writes {@code items} into {@code writer}, in order. Without an embedder, on two or more cores, they are cut
     * into contiguous parts written by one thread each into a folder of their own under {@code scratch} (a null
     * {@code scratch} asks for one thread), then added in order, a segment each: a Lucene doc id order equal to
     * the one-thread build's, so BM25 scores and even the order of tied hits stay exactly as they were.
     */
    static void writeAll(IndexWriter writer, IndexSettings settings, List<Item> items, Embedder embedder,
                         Path scratch, ProgressListener progress, Cancellation cancel) throws IOException {
        int threads = THREADS;
        if (scratch == null || !parallel(embedder, items.size())) {
            write(writer, items, embedder, new AtomicInteger(), items.size(), progress, cancel);
            return;
        }
        var done = new AtomicInteger();
        var parts = new ArrayList<Path>();
        int per = (items.size() + threads - 1) / threads;
        try (var pool = Executors.newFixedThreadPool(threads, r -> Thread.ofPlatform().daemon().name("index-part")
                .unstarted(r))) {
            var futures = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                var slice = items.subList(Math.min(items.size(), t * per), Math.min(items.size(), (t + 1) * per));
                Path dir = scratch.resolve("part-" + t);
                parts.add(dir);
                futures.add(pool.submit(() -> {
                    writePart(dir, settings, slice, done, items.size(), progress, cancel);
                    return null;
                }));
            }
            for (var f : futures) {
                await(f);
            }
        }
        var directories = new ArrayList<FSDirectory>();
        try {
            for (Path part : parts) {
                directories.add(FSDirectory.open(part));
            }
            cancel.check();
            // Copies the parts' segments as they are, in order: no merge. BM25's statistics are summed over
            // segments, so two segments score exactly as one (merging them cost more CPU than the second thread
            // saved on two busy cores).
            writer.addIndexes(directories.toArray(FSDirectory[]::new));
        } finally {
            for (var d : directories) {
                d.close();
            }
            for (Path part : parts) {
                IndexBuilder.deleteRecursively(part);
            }
        }
    }

    private static void writePart(Path dir, IndexSettings settings, List<Item> items, AtomicInteger done, int total,
                                  ProgressListener progress, Cancellation cancel) throws IOException {
        Files.createDirectories(dir);
        try (var directory = FSDirectory.open(dir);
             var writer = new IndexWriter(directory, config(settings, 128)
                     .setOpenMode(IndexWriterConfig.OpenMode.CREATE))) {
            write(writer, items, null, done, total, progress, cancel);
            writer.forceMerge(1); // a no-op unless the part outgrew the RAM buffer
            writer.commit();
        }
    }

    private static void write(IndexWriter writer, List<Item> items, Embedder embedder, AtomicInteger done,
                              int total, ProgressListener progress, Cancellation cancel) throws IOException {
        for (int from = 0; from < items.size(); from += STEP) {
            cancel.check();
            var step = items.subList(from, Math.min(items.size(), from + STEP));
            List<float[]> vectors = null;
            if (embedder != null) {
                // The embedders report under Stages.EMBED; a slice makes each step's count the build's.
                vectors = embedder.embedDocuments(step.stream().map(Item::text).toList(),
                        progress.slice(from, total), cancel);
            }
            for (int i = 0; i < step.size(); i++) {
                writer.addDocument(toLucene(step.get(i), vectors == null ? null : vectors.get(i)));
            }
            progress.progress(Stages.INDEX, done.addAndGet(step.size()), total);
        }
    }

    static List<Field> toLucene(Item item, float[] vector) {
        var chunk = item.chunk();
        var fields = new ArrayList<Field>(List.of(
                new StringField(ChunkFields.CHUNK_ID, chunk.id(), Field.Store.YES),
                new StringField(ChunkFields.DOC_ID, chunk.documentId(), Field.Store.YES),
                // Doc values give hit lists their ids column-wise, without decompressing stored fields.
                new SortedDocValuesField(ChunkFields.DOC_ID, new BytesRef(chunk.documentId())),
                new StoredField(ChunkFields.DOC_KEY, CorpusFingerprint.documentKey(item.document())),
                new StoredField(ChunkFields.ORDINAL, chunk.ordinal()),
                new NumericDocValuesField(ChunkFields.ORDINAL, chunk.ordinal()),
                new StoredField(ChunkFields.START, chunk.start()),
                new StoredField(ChunkFields.END, chunk.end()),
                new StoredField(ChunkFields.TOKENS, chunk.tokenCount()),
                new StoredField(ChunkFields.TITLE, item.document().title()),
                new StoredField(ChunkFields.TEXT, chunk.text()),
                new TextField(ChunkFields.CONTENTS, item.text(), Field.Store.NO)));
        if (vector != null) {
            // Vectors are unit length, so dot product ranks exactly as cosine does, and is cheaper.
            fields.add(new KnnFloatVectorField(ChunkFields.VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        }
        return fields;
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing the index", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case UncheckedIOException u -> throw u;
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new IOException(e.getCause());
            }
        }
    }
}
