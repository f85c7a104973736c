package dev.ragworkbench.workspace;

import dev.ragworkbench.workspace.Jdbc.Retry;

import java.util.Optional;

/**
 * Per-workspace UI state: what a pane remembers (its columns, layout, chosen metrics) as JSON text under a scope
 * (a pane, or an experiment) and a key. The text is stored as given; its shape belongs to the pane.
 */
public final class UiStateStore {

    private final Jdbc jdbc;

    public UiStateStore(Workspace workspace) {
        this.jdbc = new Jdbc(workspace);
    }

    public Optional<String> get(String scope, String key) {
        return jdbc.query("SELECT json FROM ui_state WHERE scope = ? AND \"KEY\" = ?", ps -> {
            ps.setString(1, scope);
            ps.setString(2, key);
        }, rs -> rs.getString(1)).stream().findFirst();
    }

    /** Stores {@code json} under {@code scope} and {@code key}, replacing what was there. */
    public void put(String scope, String key, String json) {
        requireText(scope, "scope");
        requireText(key, "key");
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("UI state " + scope + "/" + key + " needs JSON text; delete it instead");
        }
        // Not flushed: losing the last layout change to a crash costs nothing a user would miss.
        jdbc.withConnection("saving UI state " + scope + "/" + key, Retry.ONCE, c -> {
            try (var ps = c.prepareStatement("""
                    MERGE INTO ui_state (scope, "KEY", json, updated_at) KEY (scope, "KEY") VALUES (?, ?, ?, ?)""")) {
                ps.setString(1, scope);
                ps.setString(2, key);
                ps.setString(3, json);
                ps.setObject(4, Jdbc.timestamp(Jdbc.now()));
                return ps.executeUpdate();
            }
        });
    }

    /** Forgets one key; false when there was nothing. */
    public boolean delete(String scope, String key) {
        return jdbc.withConnection("deleting UI state " + scope + "/" + key, Retry.ONCE, c -> {
            try (var ps = c.prepareStatement("DELETE FROM ui_state WHERE scope = ? AND \"KEY\" = ?")) {
                ps.setString(1, scope);
                ps.setString(2, key);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Forgets every key of a scope (a deleted experiment's layout); how many there were. */
    public int deleteScope(String scope) {
        return jdbc.withConnection("deleting UI state " + scope, Retry.ONCE, c -> {
            try (var ps = c.prepareStatement("DELETE FROM ui_state WHERE scope = ?")) {
                ps.setString(1, scope);
                return ps.executeUpdate();
            }
        });
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("UI state " + what + " must not be empty");
        }
    }
}
