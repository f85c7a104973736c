package dev.ragworkbench.embedding;

import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.progress.Stages;
import dev.ragworkbench.workspace.Jdbc;
import dev.ragworkbench.workspace.Jdbc.Retry;
import dev.ragworkbench.workspace.Workspace;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * An {@link Embedder} that remembers vectors in the workspace table {@code embedding_cache}, keyed by the embedder's
 * {@link Embedder#cacheKey()} (its name, for the bundled models) and SHA-256 of the UTF-8 text, so indexing the same
 * text again computes nothing.
 *
 * <p>Misses are embedded in rounds of {@link #ROUND_TEXTS} and each round is committed as soon as it is done: a
 * cancelled or crashed run keeps everything finished before it. Queries are cached too, under the separate key
 * {@code <cacheKey>#query}, because a query vector can differ from the document vector of the same text (BGE adds an
 * instruction). Closing this closes the wrapped embedder; the workspace stays open.
 */
public final class CachingEmbedder implements Embedder {

    /** Hashes per lookup statement; bounds the array parameter, not the speed (one PK probe per hash). */
    static final int LOOKUP_BATCH = 1000;
    /** Texts embedded and committed together: ~20 s of MiniLM work at most is lost if the run dies. */
    static final int ROUND_TEXTS = 512;

    /**
     * Hashes go in as an array parameter joined as a table, so H2 probes the primary key once per hash. The obvious
     * {@code embedder = ? AND text_hash IN (?, ...)} uses only the key's first column, i.e. scans every row of the
     * embedder per statement: 5,000 cached hashes took 1.5-2.8 s that way, 0.03-0.15 s joined (warm-cold, H2 in a
     * temp folder, machine under load).
     */
    private static final String LOOKUP_SQL = "SELECT c.text_hash, c.vector FROM TABLE(h BINARY(32) = ?) t "
            + "JOIN embedding_cache c ON c.embedder = ? AND c.text_hash = t.h";
    private static final String STORE_SQL = "MERGE INTO embedding_cache (embedder, text_hash, vector) "
            + "KEY (embedder, text_hash) VALUES (?, ?, ?)";

    /**
     * Document counters since creation: {@code requested} texts, of which {@code hits} came from the cache and
     * {@code computed} went to the model; the rest were duplicates of another text in the same call.
     */
    public record Stats(long requested, long hits, long computed) {
    }

    private final Embedder delegate;
    private final Jdbc jdbc;
    private final LongAdder requested = new LongAdder();
    private final LongAdder hits = new LongAdder();
    private final LongAdder computed = new LongAdder();

    public CachingEmbedder(Embedder delegate, Workspace workspace) {
        this.delegate = delegate;
        this.jdbc = new Jdbc(workspace);
    }

    public Embedder delegate() {
        return delegate;
    }

    public Stats stats() {
        return new Stats(requested.sum(), hits.sum(), computed.sum());
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String cacheKey() {
        return delegate.cacheKey();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public int maxTokens() {
        return delegate.maxTokens();
    }

    @Override
    public TextTokenizer tokenizer() {
        return delegate.tokenizer();
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts, ProgressListener progress, Cancellation cancellation) {
        int n = texts.size();
        requested.add(n);
        if (n == 0) {
            return List.of();
        }
        cancellation.check();
        MessageDigest sha = sha256();
        // Distinct texts by hash, each with the positions it fills in the result.
        var positions = new LinkedHashMap<ByteBuffer, List<Integer>>();
        var textOf = new HashMap<ByteBuffer, String>();
        for (int i = 0; i < n; i++) {
            String text = texts.get(i);
            ByteBuffer hash = ByteBuffer.wrap(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
            positions.computeIfAbsent(hash, h -> new ArrayList<>(1)).add(i);
            textOf.putIfAbsent(hash, text);
        }
        float[][] vectors = new float[n][];
        String key = delegate.cacheKey();
        // No connection is held while the model works: each round's vectors are committed on their own.
        var hashes = new ArrayList<>(positions.keySet());
        Map<ByteBuffer, float[]> cached = jdbc.withConnection("reading the embedding cache", Retry.ONCE,
                db -> lookup(db, key, hashes));
        int done = 0;
        var missing = new ArrayList<ByteBuffer>();
        for (var entry : positions.entrySet()) {
            float[] vector = cached.get(entry.getKey());
            if (vector == null) {
                missing.add(entry.getKey());
                continue;
            }
            for (int i : entry.getValue()) {
                vectors[i] = i == entry.getValue().getFirst() ? vector : vector.clone();
            }
            hits.add(entry.getValue().size());
            done += entry.getValue().size();
        }
        progress.progress(Stages.EMBED, done, n);
        for (int from = 0; from < missing.size(); from += ROUND_TEXTS) {
            cancellation.check();
            List<ByteBuffer> round = missing.subList(from, Math.min(from + ROUND_TEXTS, missing.size()));
            int base = done;
            List<float[]> embedded = delegate.embedDocuments(round.stream().map(textOf::get).toList(),
                    progress.slice(base, n),
                    cancellation);
            // A MERGE: writing a round twice after a broken connection stores the same vectors.
            jdbc.inTransaction("writing the embedding cache", Retry.ONCE, db -> {
                store(db, key, round, embedded);
                return null;
            });
            computed.add(round.size());
            for (int r = 0; r < round.size(); r++) {
                List<Integer> at = positions.get(round.get(r));
                for (int i : at) {
                    vectors[i] = i == at.getFirst() ? embedded.get(r) : embedded.get(r).clone();
                }
                done += at.size();
            }
            progress.progress(Stages.EMBED, done, n);
        }
        return Arrays.asList(vectors);
    }

    @Override
    public float[] embedQuery(String query) {
        String key = delegate.cacheKey() + "#query";
        ByteBuffer hash = ByteBuffer.wrap(sha256().digest(query.getBytes(StandardCharsets.UTF_8)));
        float[] cached = jdbc.withConnection("reading the embedding cache", Retry.ONCE,
                db -> lookup(db, key, List.of(hash)).get(hash));
        if (cached != null) {
            return cached;
        }
        float[] vector = delegate.embedQuery(query);
        // Auto-commit and no flush: a query's vector is cheap to compute again, and searching must stay fast.
        jdbc.withConnection("writing the embedding cache", Retry.ONCE, db -> {
            store(db, key, List.of(hash), List.of(vector));
            return null;
        });
        return vector;
    }

    /** Cached vectors by hash; vectors of another dimension (a replaced model under the same name) count as misses. */
    private Map<ByteBuffer, float[]> lookup(Connection db, String key, List<ByteBuffer> hashes) throws SQLException {
        var found = new HashMap<ByteBuffer, float[]>(hashes.size() * 2);
        int dimension = delegate.dimension();
        try (PreparedStatement select = db.prepareStatement(LOOKUP_SQL)) {
            select.setString(2, key);
            for (int from = 0; from < hashes.size(); from += LOOKUP_BATCH) {
                List<ByteBuffer> chunk = hashes.subList(from, Math.min(from + LOOKUP_BATCH, hashes.size()));
                select.setObject(1, chunk.stream().map(ByteBuffer::array).toArray(byte[][]::new));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        float[] vector = decode(rows.getBytes(2));
                        if (vector.length == dimension) {
                            found.put(ByteBuffer.wrap(rows.getBytes(1)), vector);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static void store(Connection db, String key, List<ByteBuffer> hashes, List<float[]> vectors)
            throws SQLException {
        try (PreparedStatement merge = db.prepareStatement(STORE_SQL)) {
            for (int i = 0; i < hashes.size(); i++) {
                merge.setString(1, key);
                merge.setBytes(2, hashes.get(i).array());
                merge.setBytes(3, encode(vectors.get(i)));
                merge.addBatch();
            }
            merge.executeBatch();
        }
    }

    static byte[] encode(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return bytes.array();
    }

    static float[] decode(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "CachingEmbedder[" + delegate + ", " + stats() + "]";
    }
}
