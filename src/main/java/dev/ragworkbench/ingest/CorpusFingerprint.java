package dev.ragworkbench.ingest;

import dev.ragworkbench.workspace.Workspace;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * What an index's content depends on, in a few bytes: each document's id, text hash and title. An index records
 * the fingerprint of the corpus it was built from, so {@code index} on an unchanged corpus can tell that its index
 * is current by reading two short columns instead of rebuilding, and an update can tell which documents changed.
 *
 * <p>CRCs, not SHA-256: the check runs at a command's start, before the JIT has compiled anything, and the JDK's
 * SHA-256 is Java code the interpreter runs slowly, while CRC-32 and CRC-32C are native or intrinsic from the
 * first call. The text is already keyed by its SHA-256 ({@link Document#contentHash()}); a change detector of the
 * rest (ids, titles) needs no collision resistance, and two 32-bit CRCs plus the count make a miss vanishingly
 * unlikely.
 */
public final class CorpusFingerprint {

    private CorpusFingerprint() {
    }

    /** The key of one document's indexed content: text and title (the title is part of the BM25 field). */
    public static String documentKey(Document doc) {
        return documentKey(doc.contentHash(), doc.title());
    }

    static String documentKey(String contentHash, String title) {
        // The text's SHA-256 is already there; the title gets a CRC (see the class comment for why not SHA-256).
        var crc = new CRC32C();
        crc.update((title == null ? "" : title).getBytes(StandardCharsets.UTF_8));
        return contentHash + "-" + Long.toHexString(crc.getValue());
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
        var crc = new CRC32();
        var crcC = new CRC32C();
        new TreeMap<>(keysById).forEach((id, key) -> {
            byte[] entry = (id + "\u0000" + key + "\n").getBytes(StandardCharsets.UTF_8);
            crc.update(entry);
            crcC.update(entry);
        });
        return keysById.size() + "-" + Long.toHexString(crc.getValue()) + "-" + Long.toHexString(crcC.getValue());
    }

}
