package dev.ragworkbench.app;

import dev.ragworkbench.app.Workbench.IndexAction;
import dev.ragworkbench.app.Workbench.IndexOutcome;
import dev.ragworkbench.app.Workbench.IndexRequest;
import dev.ragworkbench.chunking.Chunk;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.embedding.Embedder;
import dev.ragworkbench.index.ChunkTable;
import dev.ragworkbench.index.IndexBuilder;
import dev.ragworkbench.index.IndexInfo;
import dev.ragworkbench.index.IndexLock;
import dev.ragworkbench.index.IndexSettings;
import dev.ragworkbench.ingest.CorpusFingerprint;
import dev.ragworkbench.ingest.SourceStamp;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The workbench's index operations: build, refresh (current / update in place / build), rebuild, delete, each
 * under the index's write lock. Kept apart from {@link Workbench}, which hands them out, so the root stays a
 * list of what is wired to what.
 */
final class IndexOperations {

    private final Workbench bench;

    IndexOperations(Workbench bench) {
        this.bench = bench;
    }
    /** Builds (or rebuilds) the index for {@code request}; cached embeddings make a rebuild cheap. */
    IndexInfo buildIndex(IndexRequest request, ProgressListener progress, Cancellation cancel) {
        try (var writing = lockIndex(settingsFor(request).name(), progress, cancel)) {
            return buildIndexLocked(request, progress, cancel);
        }
    }

    private IndexInfo buildIndexLocked(IndexRequest request, ProgressListener progress, Cancellation cancel) {
        var docs = bench.documents().documents(request.corpus());
        if (docs.isEmpty()) {
            throw new IllegalArgumentException("corpus '" + request.corpus() + "' has no documents; import some first");
        }
        Embedder embedder = request.hasEmbedder() ? bench.embedder(request.embedder()) : null;
        var chunker = bench.chunker(request.chunker(), request.embedder());
        var settings = settingsFor(request);
        var result = new IndexBuilder(bench.workspace().indexesDir()).build(settings, docs,
                d -> chunker.chunk(d, ProgressListener.NONE, cancel), embedder, progress, cancel);
        ChunkTable.replace(bench.workspace(), settings.name(), result.chunks());
        if (embedder != null) {
            warnAboutTruncation(result.chunks(), embedder, progress);
        }
        return result.info();
    }

    /**
     * The index for {@code request}: the existing one when it was built with exactly these settings from the
     * corpus as it is now, otherwise an update or a new build (see {@link Workbench#refreshIndex}).
     *
     * @param corpusChanged whether the caller knows the corpus changed; only consulted for indexes built before
     *                      indexes recorded their corpus's fingerprint
     */
    IndexInfo ensureIndex(IndexRequest request, boolean corpusChanged, ProgressListener progress,
                                 Cancellation cancel) {
        var settings = settingsFor(request);
        if (!corpusChanged && bench.indexes().exists(settings.name())) {
            var existing = bench.indexes().resolve(settings.name());
            if (existing.settings().equals(settings) && IndexBuilder.corpusFingerprint(existing).isEmpty()) {
                return existing;
            }
        }
        return refreshIndex(request, progress, cancel).info();
    }


    /**
     * Brings the index for {@code request} up to date the cheapest way: nothing when it was built with these
     * settings from the corpus as it is now (two short columns of the corpus are read, no text); an update in
     * place when only some documents changed, came or went; otherwise a full build.
     */
    IndexOutcome refreshIndex(IndexRequest request, ProgressListener progress, Cancellation cancel) {
        // Under the index's write lock: a second writer waits, then sees what the first left (often: current).
        try (var writing = lockIndex(settingsFor(request).name(), progress, cancel)) {
            return refreshIndexLocked(request, progress, cancel);
        }
    }

    private IndexOutcome refreshIndexLocked(IndexRequest request, ProgressListener progress, Cancellation cancel) {
        var settings = settingsFor(request);
        if (bench.indexes().exists(settings.name())) {
            var existing = bench.indexes().resolve(settings.name());
            var recorded = IndexBuilder.corpusFingerprint(existing);
            if (existing.settings().equals(settings) && recorded.isPresent()) {
                var current = CorpusFingerprint.of(CorpusFingerprint.keys(bench.workspace(), request.corpus()));
                if (recorded.get().equals(current)) {
                    return new IndexOutcome(existing, IndexAction.CURRENT);
                }
                var docs = bench.documents().documents(request.corpus());
                if (!docs.isEmpty()) {
                    Embedder embedder = request.hasEmbedder() ? bench.embedder(request.embedder()) : null;
                    var chunker = bench.chunker(request.chunker(), request.embedder());
                    var update = new IndexBuilder(bench.workspace().indexesDir()).update(settings, docs,
                            d -> chunker.chunk(d, ProgressListener.NONE, cancel), embedder, progress, cancel);
                    if (update.isPresent()) {
                        ChunkTable.update(bench.workspace(), settings.name(), update.get().removedDocuments(),
                                update.get().addedChunks());
                        if (embedder != null) {
                            warnAboutTruncation(update.get().addedChunks(), embedder, progress);
                        }
                        return new IndexOutcome(update.get().info(), IndexAction.UPDATED);
                    }
                }
            }
        }
        return new IndexOutcome(buildIndex(request, progress, cancel), IndexAction.BUILT);
    }

    /**
     * The index for {@code request} when the last {@code index} run refreshed it from this very source file (same
     * path, same bytes) and the corpus has not changed since: importing the file again would change nothing, so
     * neither import nor index need to run. Empty for folders, other files, or anything changed.
     */
    Optional<IndexInfo> indexCurrentFor(Path source, IndexRequest request) {
        var settings = settingsFor(request);
        if (!bench.indexes().exists(settings.name())) {
            return Optional.empty();
        }
        var existing = bench.indexes().resolve(settings.name());
        var stamp = SourceStamp.of(source);
        if (!existing.settings().equals(settings) || stamp.isEmpty()
                || !stamp.equals(IndexBuilder.commitData(existing, SOURCE_STAMP))) {
            return Optional.empty();
        }
        var current = CorpusFingerprint.of(CorpusFingerprint.keys(bench.workspace(), request.corpus()));
        return IndexBuilder.corpusFingerprint(existing).filter(current::equals).map(fp -> existing);
    }

    /** Records that {@code index} is current for {@code source} as imported now (see {@link Workbench#indexCurrentFor}). */
    void recordIndexSource(IndexInfo index, Path source) {
        try (var writing = lockIndex(index.name(), ProgressListener.NONE, Cancellation.none())) {
            SourceStamp.of(source).ifPresent(stamp -> IndexBuilder.recordCommitData(index, SOURCE_STAMP, stamp));
        }
    }

    static final String SOURCE_STAMP = "source_stamp";


    /** The settings (and so the name) an index built for {@code request} has. */
    IndexSettings settingsFor(IndexRequest request) {
        Embedder embedder = request.hasEmbedder() ? bench.embedder(request.embedder()) : null;
        String embedderName = embedder == null ? IndexSettings.NO_EMBEDDER : embedder.name();
        return new IndexSettings(IndexSettings.nameFor(request.corpus(), request.chunker().slug(), embedderName),
                request.corpus(), request.chunker().toString(), embedderName, request.analyzer(),
                embedder == null ? 0 : embedder.dimension());
    }

    /** Text past the model's limit is cut off before embedding; a user choosing chunk sizes should know. */
    private static void warnAboutTruncation(List<Chunk> chunks, Embedder embedder, ProgressListener progress) {
        // The limit counts [CLS] and [SEP]; chunk token counts do not.
        long over = chunks.stream().filter(c -> c.tokenCount() + 2 > embedder.maxTokens()).count();
        if (over > 0) {
            progress.note(String.format(Locale.ROOT, "%,d of %,d chunks exceed %s's %d-token limit; their ends are"
                    + " not embedded (choose a smaller chunk size to embed everything)", over, chunks.size(),
                    embedder.name(), embedder.maxTokens()));
        }
    }

    /** Builds the index called {@code name} again with its own settings (cached embeddings make this quick). */
    IndexInfo rebuildIndex(String name, ProgressListener progress, Cancellation cancel) {
        IndexSettings s = bench.indexes().resolve(requireIndex(name)).settings();
        return buildIndex(new IndexRequest(s.corpus(), ChunkerSpec.parse(s.chunker()), s.embedder(), s.analyzer()),
                progress, cancel);
    }

    /** Deletes an index: its folder and its chunk rows. The documents stay. */
    void deleteIndex(String name) {
        try (var writing = lockIndex(name, ProgressListener.NONE, Cancellation.none())) {
            bench.indexes().delete(name);
            ChunkTable.delete(bench.workspace(), name);
        }
    }

    /** One writer per index across threads and processes (see {@link IndexLock}). */
    private IndexLock lockIndex(String name, ProgressListener progress, Cancellation cancel) {
        return IndexLock.acquire(bench.workspace().indexesDir(), name, progress, cancel);
    }

    private String requireIndex(String name) {
        if (name == null || !bench.indexes().exists(name)) {
            throw new IllegalArgumentException("no index named '" + name + "' in this workspace; 'indexes list'"
                    + " shows the ones there are");
        }
        return name;
    }
}
