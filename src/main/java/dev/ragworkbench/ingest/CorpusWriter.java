package dev.ragworkbench.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes one import run into one corpus. It loads the corpus's (id, content hash) pairs once, so deciding
 * added / updated / unchanged / duplicate costs no query per document and a re-import of unchanged content writes
 * nothing. Writes go out as JDBC batches committed every {@code batchSize} documents: a cancelled or crashed import
 * keeps every committed batch, and each document row is always complete.
 *
 * <p>Not thread-safe; one import at a time per corpus is assumed (the primary key still guards against two).
 */
final class CorpusWriter implements AutoCloseable {

    enum Outcome { ADDED, UPDATED, UNCHANGED, DUPLICATE }

    /** What happened to one document; {@code duplicateOf} is set for {@link Outcome#DUPLICATE}. */
    record Written(Outcome outcome, String duplicateOf) {
    }

    /** A stored document as far as change detection needs it. */
    private record Stored(String contentHash, long fingerprint) {
    }

    private static final int TITLE_MAX = 4000;
    private static final int REASON_MAX = 4000;

    private final Connection connection;
    private final String corpus;
    private final boolean skipDuplicateContent;
    private final int batchSize;
    private final Map<String, Stored> storedById = new HashMap<>();
    private final Map<String, String> idByHash = new HashMap<>();
    private final Set<String> earlierFailures = new HashSet<>();
    private final Set<String> failedNow = new HashSet<>();
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final PreparedStatement clearFailure;
    private final PreparedStatement recordFailure;
    private int pending;

    CorpusWriter(Connection connection, String corpus, String source, String format, boolean skipDuplicateContent,
                 int batchSize) throws SQLException {
        this.connection = connection;
        this.corpus = corpus;
        this.skipDuplicateContent = skipDuplicateContent;
        this.batchSize = batchSize;
        try {
            connection.setAutoCommit(false);
            upsertCorpus(source, format);
            loadState();
            connection.commit();
            insert = connection.prepareStatement("""
                    INSERT INTO document (source, title, type, content_hash, text, chars, metadata, page_starts,
                                          imported_at, corpus, id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
            update = connection.prepareStatement("""
                    UPDATE document SET source = ?, title = ?, type = ?, content_hash = ?, text = ?, chars = ?,
                                        metadata = ?, page_starts = ?, imported_at = ?
                    WHERE corpus = ? AND id = ?""");
            clearFailure = connection.prepareStatement("DELETE FROM import_failure WHERE corpus = ? AND source = ?");
            recordFailure = connection.prepareStatement("""
                    MERGE INTO import_failure (corpus, source, reason, failed_at) KEY (corpus, source)
                    VALUES (?, ?, ?, ?)""");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** Stores {@code doc} unless it is unchanged or (when skipping them) a duplicate; clears its earlier failure. */
    Written write(Document doc) throws SQLException {
        clearFailure(doc.id());
        String title = truncate(doc.title(), TITLE_MAX);
        String metadata = Json.metadata(doc.metadata());
        String pageStarts = Json.pageStarts(doc.pageStarts());
        var now = new Stored(doc.contentHash(), fingerprint(title, metadata, pageStarts));
        Stored before = storedById.get(doc.id());
        // Rules in the order the contract states them: an existing id is compared with itself first, so a changed
        // file is updated even if its new text equals another file's (the ids users know stay put).
        if (before != null) {
            // The source path is not compared: moving the corpus folder must not turn every document into an update.
            if (before.equals(now)) {
                return new Written(Outcome.UNCHANGED, null);
            }
            bind(update, doc, title, metadata, pageStarts);
            update.addBatch();
            idByHash.remove(before.contentHash(), doc.id());
            remember(doc.id(), now);
            countPending();
            return new Written(Outcome.UPDATED, null);
        }
        String sameText = idByHash.get(doc.contentHash());
        if (skipDuplicateContent && sameText != null) {
            return new Written(Outcome.DUPLICATE, sameText);
        }
        bind(insert, doc, title, metadata, pageStarts);
        insert.addBatch();
        remember(doc.id(), now);
        countPending();
        return new Written(Outcome.ADDED, null);
    }

    /** Records (or replaces) the failure of one source. */
    void fail(ImportFailure failure) throws SQLException {
        failedNow.add(failure.source());
        recordFailure.setString(1, corpus);
        recordFailure.setString(2, failure.source());
        recordFailure.setString(3, truncate(failure.reason(), REASON_MAX));
        recordFailure.setObject(4, OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS));
        recordFailure.addBatch();
        countPending();
    }

    /** Sends and commits everything written so far. */
    void commit() throws SQLException {
        insert.executeBatch();
        update.executeBatch();
        clearFailure.executeBatch();
        recordFailure.executeBatch();
        connection.commit();
        pending = 0;
    }

    /**
     * Ends a complete run: failures of earlier runs whose source neither failed again nor succeeded now (a file
     * since removed) are dropped, so the failure list describes the source as it is.
     */
    void finish() throws SQLException {
        for (String source : earlierFailures) {
            if (!failedNow.contains(source)) {
                clearFailure.setString(1, corpus);
                clearFailure.setString(2, source);
                clearFailure.addBatch();
            }
        }
        earlierFailures.clear();
        commit();
    }

    /** Rolls back whatever was not committed and releases the connection. */
    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close(); // closes the statements too
        }
    }

    private void upsertCorpus(String source, String format) throws SQLException {
        try (var upd = connection.prepareStatement("UPDATE corpus SET source = ?, format = ? WHERE name = ?")) {
            upd.setString(1, source);
            upd.setString(2, format);
            upd.setString(3, corpus);
            if (upd.executeUpdate() > 0) {
                return;
            }
        }
        try (var ins = connection.prepareStatement(
                "INSERT INTO corpus (name, source, format, created_at) VALUES (?, ?, ?, ?)")) {
            ins.setString(1, corpus);
            ins.setString(2, source);
            ins.setString(3, format);
            ins.setObject(4, OffsetDateTime.now());
            ins.executeUpdate();
        }
    }

    private void loadState() throws SQLException {
        try (var ps = connection.prepareStatement(
                "SELECT id, content_hash, title, metadata, page_starts FROM document WHERE corpus = ?")) {
            ps.setString(1, corpus);
            ps.setFetchSize(1000);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    remember(rs.getString(1), new Stored(rs.getString(2),
                            fingerprint(rs.getString(3), rs.getString(4), rs.getString(5))));
                }
            }
        }
        try (var ps = connection.prepareStatement("SELECT source FROM import_failure WHERE corpus = ?")) {
            ps.setString(1, corpus);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    earlierFailures.add(rs.getString(1));
                }
            }
        }
    }

    private void remember(String id, Stored stored) {
        storedById.put(id, stored);
        idByHash.putIfAbsent(stored.contentHash(), id);
    }

    private void clearFailure(String source) throws SQLException {
        if (earlierFailures.remove(source)) {
            clearFailure.setString(1, corpus);
            clearFailure.setString(2, source);
            clearFailure.addBatch();
        }
    }

    private void bind(PreparedStatement ps, Document doc, String title, String metadata, String pageStarts)
            throws SQLException {
        ps.setString(1, doc.source());
        ps.setString(2, title);
        ps.setString(3, doc.type());
        ps.setString(4, doc.contentHash());
        ps.setString(5, doc.text());
        ps.setInt(6, doc.text().length());
        ps.setString(7, metadata);
        ps.setString(8, pageStarts);
        ps.setObject(9, OffsetDateTime.now());
        ps.setString(10, corpus);
        ps.setString(11, doc.id());
    }

    private void countPending() throws SQLException {
        if (++pending >= batchSize) {
            commit();
        }
    }

    /**
     * Title, metadata and page starts can change while the text does not (a PDF's title edited, BEIR metadata fixed);
     * a 64-bit digest of them catches that without keeping the strings in memory.
     */
    private static long fingerprint(String title, String metadata, String pageStarts) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {title, metadata, pageStarts}) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            byte[] d = digest.digest();
            long fp = 0;
            for (int i = 0; i < 8; i++) {
                fp = fp << 8 | (d[i] & 0xFF);
            }
            return fp;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
