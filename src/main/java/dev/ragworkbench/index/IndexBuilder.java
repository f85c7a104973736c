package dev.ragworkbench.index;

import dev.ragworkbench.chunking.Chunk;
import dev.ragworkbench.embedding.Embedder;
import dev.ragworkbench.index.ChunkWriting.Item;
import dev.ragworkbench.ingest.CorpusFingerprint;
import dev.ragworkbench.ingest.Document;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.progress.Stages;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds one Lucene index from documents: chunk, embed (through whatever cache the embedder carries), write.
 * A full build happens in a temporary folder that is moved into place only when complete, so a crash or a cancel
 * never leaves a half-built index where a search would find it. An {@link #update} changes an index in place:
 * Lucene's commit is atomic, so a crash leaves the previous commit, which is a complete index too.
 */
public final class IndexBuilder {

    private final Path indexesDir;

    public IndexBuilder(Path indexesDir) {
        this.indexesDir = indexesDir;
    }

    /** What a build produced: the chunks of every document, for callers that record them. */
    public record Result(IndexInfo info, List<Chunk> chunks) {
    }

    /**
     * What an update changed: the documents whose chunks went (changed or removed ones) and the chunks that came
     * (of changed and new documents), for callers that record chunks.
     */
    public record Update(IndexInfo info, Set<String> removedDocuments, List<Chunk> addedChunks) {
        public boolean changedNothing() {
            return removedDocuments.isEmpty() && addedChunks.isEmpty();
        }
    }

    /**
     * @param embedder null for a text-only index ({@code settings.embedder()} must then be {@code none})
     */
    public Result build(IndexSettings settings, List<Document> documents, Function<Document, List<Chunk>> chunker,
                        Embedder embedder, ProgressListener progress, Cancellation cancel) {
        requireAgreement(settings, embedder);
        var items = chunkAll(documents, chunker, progress, cancel);
        Path target = indexesDir.resolve(settings.name());
        Path temp = indexesDir.resolve(".building-" + settings.name() + "-" + ProcessHandle.current().pid());
        try {
            deleteRecursively(temp);
            Path scratch = Files.createDirectories(temp.resolve("parts"));
            Path index = Files.createDirectories(temp.resolve("index"));
            try (var directory = FSDirectory.open(index);
                 var writer = new IndexWriter(directory, ChunkWriting.config(settings, 256)
                         .setOpenMode(IndexWriterConfig.OpenMode.CREATE))) {
                ChunkWriting.writeAll(writer, settings, items, embedder, scratch, progress, cancel);
                cancel.check();
                writer.setLiveCommitData(commitData(settings, documents.size(), CorpusFingerprint.of(documents))
                        .entrySet());
                if (!ChunkWriting.parallel(embedder, items.size())) {
                    writer.forceMerge(1); // a no-op for the one segment a one-thread build under 256 MB makes
                }
                writer.commit();
            }
            deleteRecursively(target);
            Files.move(index, target, StandardCopyOption.ATOMIC_MOVE);
            deleteRecursively(temp);
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

    /**
     * Brings the existing index {@code settings.name()} up to {@code documents}: the chunks of changed and removed
     * documents are deleted, those of changed and new ones added; the rest is left as it is. Empty when the index
     * cannot be updated (it does not exist, was built with other settings, or by a version that kept no document
     * keys): build it instead.
     *
     * <p>When documents were deleted, the index is merged into one segment again: Lucene counts deleted documents
     * in BM25's statistics until they are merged away, and an updated index must score exactly as a new build.
     */
    public Optional<Update> update(IndexSettings settings, List<Document> documents,
                                   Function<Document, List<Chunk>> chunker, Embedder embedder,
                                   ProgressListener progress, Cancellation cancel) {
        requireAgreement(settings, embedder);
        Path target = indexesDir.resolve(settings.name());
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (var directory = FSDirectory.open(target)) {
            if (!DirectoryReader.indexExists(directory)
                    || !Indexes.info(target).settings().equals(settings)) {
                return Optional.empty();
            }
            Map<String, String> indexed = indexedKeys(directory);
            if (indexed == null) {
                return Optional.empty();
            }
            var changed = new ArrayList<Document>();
            var removed = new TreeSet<>(indexed.keySet());
            for (Document d : documents) {
                removed.remove(d.id());
                if (!CorpusFingerprint.documentKey(d).equals(indexed.get(d.id()))) {
                    changed.add(d);
                }
            }
            var gone = new TreeSet<String>(removed);
            changed.stream().map(Document::id).filter(indexed::containsKey).forEach(gone::add);
            var items = chunkAll(changed, chunker, progress, cancel);
            try (var writer = new IndexWriter(directory, ChunkWriting.config(settings, 256)
                    .setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
                for (String id : gone) {
                    writer.deleteDocuments(new Term(ChunkFields.DOC_ID, id));
                }
                ChunkWriting.writeAll(writer, settings, items, embedder, null, progress, cancel);
                cancel.check();
                writer.setLiveCommitData(commitData(settings, documents.size(), CorpusFingerprint.of(documents))
                        .entrySet());
                if (!gone.isEmpty()) {
                    writer.forceMerge(1);
                }
                writer.commit();
            }
            return Optional.of(new Update(Indexes.info(target), gone, items.stream().map(Item::chunk).toList()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update index " + settings.name() + ": " + e.getMessage(), e);
        }
    }

    /** The fingerprint of the corpus the index was last built or updated from; empty for older indexes. */
    public static Optional<String> corpusFingerprint(IndexInfo info) {
        return commitData(info, ChunkFields.CORPUS_FINGERPRINT);
    }

    /** A commit-data value of the index, e.g. what {@link #recordCommitData} recorded; empty when absent. */
    public static Optional<String> commitData(IndexInfo info, String key) {
        try (var directory = FSDirectory.open(info.path())) {
            return Optional.ofNullable(org.apache.lucene.index.SegmentInfos.readLatestCommit(directory)
                    .getUserData().get(key));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Adds {@code key = value} to the index's commit data (a new commit holding the same segments). The next
     * build or update drops it, so it describes the index's content only as long as nothing changed it.
     */
    public static void recordCommitData(IndexInfo info, String key, String value) {
        try (var directory = FSDirectory.open(info.path());
             var writer = new IndexWriter(directory, ChunkWriting.config(info.settings(), 16)
                     .setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
            var data = new LinkedHashMap<>(org.apache.lucene.index.SegmentInfos.readLatestCommit(directory)
                    .getUserData());
            data.put(key, value);
            writer.setLiveCommitData(data.entrySet(), true);
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update index " + info.name() + ": " + e.getMessage(), e);
        }
    }

    /** Document id → document key of every indexed chunk's document; null when the index kept no keys. */
    private static Map<String, String> indexedKeys(FSDirectory directory) throws IOException {
        var keys = new HashMap<String, String>();
        try (var reader = DirectoryReader.open(directory)) {
            for (var leaf : reader.leaves()) {
                var live = leaf.reader().getLiveDocs();
                var stored = leaf.reader().storedFields();
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    var d = stored.document(doc, Set.of(ChunkFields.DOC_ID, ChunkFields.DOC_KEY));
                    String key = d.get(ChunkFields.DOC_KEY);
                    if (key == null) {
                        return null;
                    }
                    keys.put(d.get(ChunkFields.DOC_ID), key);
                }
            }
        }
        return keys;
    }

    private static Map<String, String> commitData(IndexSettings settings, int documents, String fingerprint) {
        var userData = new LinkedHashMap<>(settings.toUserData());
        userData.put(ChunkFields.BUILT_AT, Instant.now().toString());
        userData.put(ChunkFields.DOCUMENTS, Integer.toString(documents));
        userData.put(ChunkFields.CORPUS_FINGERPRINT, fingerprint);
        return userData;
    }

    private static void requireAgreement(IndexSettings settings, Embedder embedder) {
        if (settings.hasVectors() != (embedder != null)) {
            throw new IllegalArgumentException("index settings and embedder disagree: " + settings.embedder());
        }
    }

    /**
     * The chunks of {@code documents} in document order. With many documents the second half is chunked on a
     * second thread (chunkers are thread-safe by contract): counting every chunk's tokens was a second and a
     * half of one core before the writers could start, in a BM25-only build of SciFact.
     */
    private static List<Item> chunkAll(List<Document> documents, Function<Document, List<Chunk>> chunker,
                                       ProgressListener progress, Cancellation cancel) {
        int n = documents.size();
        var done = new java.util.concurrent.atomic.AtomicInteger();
        if (n < PARALLEL_CHUNKING_MIN || Runtime.getRuntime().availableProcessors() < 2) {
            return chunkRange(documents, chunker, done, n, progress, cancel);
        }
        int mid = n / 2;
        var second = new java.util.concurrent.FutureTask<>(() ->
                chunkRange(documents.subList(mid, n), chunker, done, n, ProgressListener.NONE, cancel));
        Thread.ofPlatform().name("chunking").daemon().start(second);
        List<Item> first;
        try {
            first = chunkRange(documents.subList(0, mid), chunker, done, n, progress, cancel);
        } catch (RuntimeException e) {
            second.cancel(false);
            throw e;
        }
        List<Item> rest;
        try {
            rest = second.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.ragworkbench.progress.CancelledException();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
        progress.progress(Stages.CHUNK, n, n);
        var items = new ArrayList<Item>(first.size() + rest.size());
        items.addAll(first);
        items.addAll(rest);
        return items;
    }

    /** Below this many documents one thread chunks them: a thread's start is not worth it. */
    private static final int PARALLEL_CHUNKING_MIN = 200;

    private static List<Item> chunkRange(List<Document> documents, Function<Document, List<Chunk>> chunker,
                                         java.util.concurrent.atomic.AtomicInteger done, int total,
                                         ProgressListener progress, Cancellation cancel) {
        var items = new ArrayList<Item>();
        for (Document document : documents) {
            cancel.check();
            for (Chunk chunk : chunker.apply(document)) {
                items.add(new Item(document, chunk, IndexedText.of(document, chunk)));
            }
            progress.progress(Stages.CHUNK, done.incrementAndGet(), total);
        }
        return items;
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
