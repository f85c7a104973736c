package dev.ragworkbench.generation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ragworkbench.workspace.Jdbc;
import dev.ragworkbench.workspace.Jdbc.Retry;
import dev.ragworkbench.workspace.Workspace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Types;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Answers already given (table {@code chat_call_cache}), so that running a comparison again costs nothing. The
 * key is the SHA-256 of what decides the answer: provider, endpoint, model id, temperature, max tokens, the
 * messages and the item id. Not the model's name (two names for one endpoint share answers), not its timeout,
 * concurrency or prices, and never its key.
 */
public final class ChatCallCache {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbc jdbc;

    public ChatCallCache(Workspace workspace) {
        this.jdbc = new Jdbc(workspace);
    }

    /** The cache key of {@code request} to the model of {@code settings}: 64 hex digits. */
    public static String key(ChatModelSettings settings, ChatRequest request) {
        ObjectNode node = JSON.createObjectNode();
        node.put("provider", settings.provider().id());
        node.put("baseUrl", settings.baseUrl());
        node.put("modelId", settings.modelId());
        if (settings.temperature() == null) {
            node.putNull("temperature");
        } else {
            node.put("temperature", settings.temperature());
        }
        if (settings.maxTokens() == null) {
            node.putNull("maxTokens");
        } else {
            node.put("maxTokens", settings.maxTokens());
        }
        var messages = node.putArray("messages");
        for (var m : request.messages()) {
            messages.addObject().put("role", m.role().name()).put("text", m.text());
        }
        node.put("item", request.itemId());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(node.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** The cached answer under {@code key}, flagged {@link ChatReply#cached()}. */
    public Optional<ChatReply> get(String key) {
        return jdbc.query("SELECT response, input_tokens, output_tokens, latency_ms FROM chat_call_cache"
                          + " WHERE call_key = ?", ps -> ps.setString(1, key),
                rs -> new ChatReply(rs.getString(1), intOr(rs.getObject(2, Integer.class)),
                        intOr(rs.getObject(3, Integer.class)), rs.getLong(4), true)).stream().findFirst();
    }

    /** Keeps {@code reply} under {@code key}, replacing an older answer (a fresh run's). */
    public void put(String key, String modelName, ChatReply reply) {
        // not flushed: a cache row lost to a crash costs one call again
        jdbc.withConnection("caching an answer of " + modelName, Retry.ONCE, c -> {
            try (var ps = c.prepareStatement("MERGE INTO chat_call_cache (call_key, model_name, response,"
                    + " input_tokens, output_tokens, latency_ms, created_at) KEY (call_key)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, key);
                ps.setString(2, modelName);
                ps.setString(3, reply.text());
                setTokens(ps, 4, reply.inputTokens());
                setTokens(ps, 5, reply.outputTokens());
                ps.setLong(6, reply.latencyMs());
                ps.setObject(7, Jdbc.timestamp(Jdbc.now()));
                return ps.executeUpdate();
            }
        });
    }

    /** How many answers are cached under {@code modelName}. */
    public int count(String modelName) {
        return jdbc.query("SELECT COUNT(*) FROM chat_call_cache WHERE model_name = ?",
                ps -> ps.setString(1, modelName), rs -> rs.getInt(1)).getFirst();
    }

    private static void setTokens(java.sql.PreparedStatement ps, int i, int tokens) throws java.sql.SQLException {
        if (tokens < 0) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, tokens);
        }
    }

    private static int intOr(Integer v) {
        return v == null ? -1 : v;
    }
}
