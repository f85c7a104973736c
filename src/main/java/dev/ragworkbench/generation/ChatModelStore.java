package dev.ragworkbench.generation;

import dev.ragworkbench.workspace.Jdbc;
import dev.ragworkbench.workspace.Jdbc.Retry;
import dev.ragworkbench.workspace.Workspace;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The workspace's chat models (table {@code chat_model}): added, changed, listed and removed by name. Names are
 * unique regardless of case. Settings are validated by {@link ChatModelChecks} before they are written; the
 * table holds the name of a key's environment variable, never a key.
 */
public final class ChatModelStore {

    private static final String COLUMNS = "name, provider, base_url, model_id, predictions_file, temperature,"
            + " max_tokens, timeout_ms, concurrency, api_key_env, price_input_per_1k, price_output_per_1k";

    private final Jdbc jdbc;

    public ChatModelStore(Workspace workspace) {
        this.jdbc = new Jdbc(workspace);
    }

    /** Stores a new model; fails when one of that name (in any case) exists. Returns what was stored. */
    public ChatModelSettings add(ChatModelSettings settings) {
        var s = ChatModelChecks.validate(settings);
        return jdbc.inTransaction("adding chat model " + s.name(), Retry.NEVER, c -> {
            existing(c, s.name()).ifPresent(other -> {
                throw new IllegalArgumentException("a chat model named '" + other + "' exists already; pick another"
                        + " name, or change it with its settings");
            });
            insert(c, s);
            return s;
        });
    }

    /**
     * Replaces the model called {@code name} with {@code settings}, which may rename it (the new name must be
     * free). Returns what was stored.
     */
    public ChatModelSettings update(String name, ChatModelSettings settings) {
        var s = ChatModelChecks.validate(settings);
        return jdbc.inTransaction("changing chat model " + name, Retry.ONCE, c -> {
            var current = existing(c, name).filter(name::equals)
                    .orElseThrow(() -> missing(name));
            existing(c, s.name()).filter(other -> !other.equals(current)).ifPresent(other -> {
                throw new IllegalArgumentException("a chat model named '" + other + "' exists already");
            });
            try (var ps = c.prepareStatement("DELETE FROM chat_model WHERE name = ?")) {
                ps.setString(1, current);
                ps.executeUpdate();
            }
            insert(c, s);
            return s;
        });
    }

    public Optional<ChatModelSettings> find(String name) {
        return jdbc.query("SELECT " + COLUMNS + " FROM chat_model WHERE name = ?", ps -> ps.setString(1, name),
                ChatModelStore::read).stream().findFirst();
    }

    /** The model called {@code name}, or an {@link IllegalArgumentException} saying which names there are. */
    public ChatModelSettings get(String name) {
        return find(name).orElseThrow(() -> missing(name));
    }

    /** All models, by name. */
    public List<ChatModelSettings> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM chat_model ORDER BY LOWER(name), name", ps -> {
        }, ChatModelStore::read);
    }

    /** Removes the model; false when there was none of that name. Its cached answers stay (keyed by settings). */
    public boolean remove(String name) {
        return jdbc.update("DELETE FROM chat_model WHERE name = ?", Retry.ONCE, ps -> ps.setString(1, name)) > 0;
    }

    private IllegalArgumentException missing(String name) {
        var names = list().stream().map(ChatModelSettings::name).toList();
        return new IllegalArgumentException("no chat model named '" + name + "' in this workspace"
                + (names.isEmpty() ? "; add one with models add" : "; there are: " + String.join(", ", names)));
    }

    private static Optional<String> existing(Connection c, String name) throws SQLException {
        try (var ps = c.prepareStatement("SELECT name FROM chat_model WHERE LOWER(name) = LOWER(?)")) {
            ps.setString(1, name);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static void insert(Connection c, ChatModelSettings s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO chat_model (" + COLUMNS
                + ", created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, s.name());
            ps.setString(2, s.provider().id());
            ps.setString(3, s.baseUrl());
            ps.setString(4, s.modelId());
            ps.setString(5, s.predictionsFile() == null ? null : s.predictionsFile().toString());
            setDouble(ps, 6, s.temperature());
            if (s.maxTokens() == null) {
                ps.setNull(7, Types.INTEGER);
            } else {
                ps.setInt(7, s.maxTokens());
            }
            ps.setLong(8, s.timeout().toMillis());
            ps.setInt(9, s.concurrency());
            ps.setString(10, s.apiKeyEnv());
            setDouble(ps, 11, s.priceInputPer1k());
            setDouble(ps, 12, s.priceOutputPer1k());
            var now = Jdbc.timestamp(Jdbc.now());
            ps.setObject(13, now);
            ps.setObject(14, now);
            ps.executeUpdate();
        }
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    private static ChatModelSettings read(ResultSet rs) throws SQLException {
        String file = rs.getString(5);
        return new ChatModelSettings(rs.getString(1), ChatProvider.fromId(rs.getString(2)), rs.getString(3),
                rs.getString(4), file == null ? null : Path.of(file), rs.getObject(6, Double.class),
                rs.getObject(7, Integer.class), Duration.ofMillis(rs.getLong(8)), rs.getInt(9), rs.getString(10),
                rs.getObject(11, Double.class), rs.getObject(12, Double.class));
    }
}
