package dev.ragworkbench.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.workspace.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/** The SQL of {@link EvalSetStore}: one eval set version written to, or read from, the V3 eval-set tables. */
final class EvalSetRows {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 1_000;

    private EvalSetRows() {
    }

    /** The eval_set row of {@code name}: id, format and corpus. */
    record SetRow(long id, String name, EvalSetFormat format, String corpus, String source, Instant createdAt) {
    }

    static SetRow set(Connection c, String name) throws SQLException {
        var rows = Sql.rows(c, "SELECT id, name, format, corpus, source, created_at FROM eval_set WHERE name = ?",
                ps -> ps.setString(1, name), EvalSetRows::setRow);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    static List<SetRow> sets(Connection c) throws SQLException {
        return Sql.rows(c, "SELECT id, name, format, corpus, source, created_at FROM eval_set ORDER BY id",
                ps -> { }, EvalSetRows::setRow);
    }

    private static SetRow setRow(java.sql.ResultSet rs) throws SQLException {
        return new SetRow(rs.getLong(1), rs.getString(2), EvalSetFormat.fromId(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getTimestamp(6).toInstant());
    }

    static long insertSet(Connection c, String name, EvalSetFormat format, String corpus, String source)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO eval_set (name, format, corpus, source, created_at)"
                + " VALUES (?, ?, ?, ?, ?)", new String[] {"ID"})) {
            ps.setString(1, name);
            ps.setString(2, format.id());
            ps.setString(3, corpus);
            ps.setString(4, source == null ? null : truncate(source, 4000));
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            try (var keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** The versions of one set, oldest first, with the row id each is stored under. */
    static List<EvalSetStore.Version> versions(Connection c, long setId) throws SQLException {
        return Sql.rows(c, "SELECT id, version, sha256, parent, note, created_at FROM eval_set_version"
                        + " WHERE eval_set_id = ? ORDER BY version", ps -> ps.setLong(1, setId),
                rs -> new EvalSetStore.Version(rs.getLong(1), rs.getInt(2), rs.getString(3),
                        rs.getObject(4) == null ? null : rs.getInt(4), rs.getString(5), rs.getTimestamp(6).toInstant()));
    }

    /** Writes {@code set} as version {@code version} of the set row {@code setId}. */
    static void insertVersion(Connection c, long setId, int version, Integer parent, String note, EvalSet set)
            throws SQLException {
        long versionId;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO eval_set_version (eval_set_id, version, sha256,"
                + " parent, note, created_at) VALUES (?, ?, ?, ?, ?, ?)", new String[] {"ID"})) {
            ps.setLong(1, setId);
            ps.setInt(2, version);
            ps.setString(3, set.sha256());
            if (parent == null) {
                ps.setNull(4, Types.INTEGER);
            } else {
                ps.setInt(4, parent);
            }
            ps.setString(5, note == null ? null : truncate(note, 4000));
            ps.setTimestamp(6, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            try (var keys = ps.getGeneratedKeys()) {
                keys.next();
                versionId = keys.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO eval_set_query (version_id, query_id, ordinal,"
                + " text, reference_answer, reference_contexts) VALUES (?, ?, ?, ?, ?, ?)")) {
            int ordinal = 0;
            for (var q : set.queries().entrySet()) {
                EvalSet.Reference ref = set.reference(q.getKey());
                ps.setLong(1, versionId);
                ps.setString(2, q.getKey());
                ps.setInt(3, ordinal++);
                ps.setString(4, q.getValue());
                ps.setString(5, ref == null ? null : ref.answer());
                ps.setString(6, ref == null || ref.contexts().isEmpty() ? null : json(ref.contexts()));
                addBatch(ps, ordinal);
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO eval_set_judgment (version_id, query_id,"
                + " document_id, grade) VALUES (?, ?, ?, ?)")) {
            int n = 0;
            for (var q : set.qrels().judgments().entrySet()) {
                for (var d : q.getValue().entrySet()) {
                    ps.setLong(1, versionId);
                    ps.setString(2, q.getKey());
                    ps.setString(3, d.getKey());
                    ps.setInt(4, d.getValue());
                    addBatch(ps, ++n);
                }
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO eval_set_answer_span (version_id, document_id,"
                + " ordinal, query_id, start_offset, end_offset, text) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (var doc : set.answers().entrySet()) {
                int ordinal = 0;
                for (AnswerSpan span : doc.getValue()) {
                    ps.setLong(1, versionId);
                    ps.setString(2, doc.getKey());
                    ps.setInt(3, ordinal++);
                    ps.setString(4, span.queryId());
                    ps.setInt(5, span.start());
                    ps.setInt(6, span.start() < 0 ? -1 : span.end());
                    ps.setString(7, span.answer());
                    addBatch(ps, ++n);
                }
            }
            ps.executeBatch();
        }
    }

    /** Reads one stored version back as the set it was written from, named {@code name}. */
    static EvalSet read(Connection c, long versionId, String name, EvalSetFormat format) throws SQLException {
        var queries = new LinkedHashMap<String, String>();
        var references = new LinkedHashMap<String, EvalSet.Reference>();
        var rows = Sql.rows(c, "SELECT query_id, text, reference_answer, reference_contexts FROM eval_set_query"
                + " WHERE version_id = ? ORDER BY ordinal", ps -> ps.setLong(1, versionId),
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
        for (String[] r : rows) {
            queries.put(r[0], r[1]);
            if (r[2] != null || r[3] != null) {
                references.put(r[0], new EvalSet.Reference(r[2], r[3] == null ? List.of() : strings(r[3])));
            }
        }
        var judgments = new LinkedHashMap<String, SequencedMap<String, Integer>>();
        queries.keySet().forEach(q -> judgments.put(q, new LinkedHashMap<>()));
        Sql.rows(c, "SELECT query_id, document_id, grade FROM eval_set_judgment WHERE version_id = ?"
                        + " ORDER BY query_id, document_id", ps -> ps.setLong(1, versionId),
                rs -> judgments.get(rs.getString(1)).put(rs.getString(2), rs.getInt(3)));
        judgments.values().removeIf(java.util.Map::isEmpty);
        var answers = new LinkedHashMap<String, List<AnswerSpan>>();
        Sql.rows(c, "SELECT document_id, query_id, start_offset, text FROM eval_set_answer_span"
                        + " WHERE version_id = ? ORDER BY document_id, ordinal", ps -> ps.setLong(1, versionId),
                rs -> answers.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new AnswerSpan(
                        rs.getString(1), rs.getString(2), queries.getOrDefault(rs.getString(2), ""), rs.getString(4),
                        rs.getInt(3))));
        return new EvalSet(name, format, queries, references, new Qrels(judgments), answers);
    }

    private static void addBatch(PreparedStatement ps, int n) throws SQLException {
        ps.addBatch();
        if (n % BATCH == 0) {
            ps.executeBatch();
        }
    }

    private static String json(List<String> strings) {
        try {
            return JSON.writeValueAsString(strings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(String json) throws SQLException {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable reference contexts: " + e.getOriginalMessage(), e);
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
