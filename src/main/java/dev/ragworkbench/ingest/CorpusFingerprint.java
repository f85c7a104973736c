package dev.ragworkbench.ingest;

import dev.ragworkbench.workspace.Workspace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an index's content depends on, in a few bytes: each document's id, text hash and title. An index records
 * the fingerprint of the corpus it was built from, so {@code index} on an unchanged corpus can tell that its index
 * is current by reading two short columns instead of rebuilding, and an update can tell which documents changed.
 */
public final class CorpusFingerprint {

    private CorpusFingerprint() {
    }

    /** The key of one document's indexed content: text and title (the title is part of the BM25 field). */
    public static String documentKey(Document doc) {
        return documentKey(doc.contentHash(), doc.title());
    }

    static String documentKey(String contentHash, String title) {
        var digest = sha256();
        digest.update(contentHash.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update((title == null ? "" : title).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    /** The fingerprint of {@code documents}, whatever their order. */
    public static String of(List<Document> documents) {
        var keys = new TreeMap<String, String>();
        for (Document d : documents) {
            keys.put(d.id(), documentKey(d));
        }
        return of(keys);
    }

    /** The document keys of {@code corpus} as stored now, by id; reads no document text. */
    public static Map<String, String> keys(Workspace workspace, String corpus) {
        var keys = new TreeMap<String, String>();
        try (var c = workspace.connection();
             var ps = c.prepareStatement("SELECT id, content_hash, title FROM document WHERE corpus = ?")) {
            ps.setString(1, corpus);
            ps.setFetchSize(1000);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.put(rs.getString(1), documentKey(rs.getString(2), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw DocumentStore.failure("reading the documents of corpus " + corpus, e);
        }
        return keys;
    }

    /** The fingerprint of documents given as id → {@link #documentKey}. */
    public static String of(Map<String, String> keysById) {
        var digest = sha256();
        new TreeMap<>(keysById).forEach((id, key) -> {
            digest.update(id.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(key.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
