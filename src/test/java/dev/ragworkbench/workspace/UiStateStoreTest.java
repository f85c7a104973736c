package dev.ragworkbench.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UiStateStoreTest {

    @TempDir
    Path dir;

    @Test
    void keepsJsonByScopeAndKeyAcrossReopening() {
        try (var ws = Workspace.open(dir.resolve("ws"))) {
            var state = new UiStateStore(ws);
            assertThat(state.get("experiments", "columns")).isEmpty();
            state.put("experiments", "columns", "[\"name\",\"metrics.ndcg@10\"]");
            state.put("experiments", "columns", "[\"name\"]"); // replaces
            state.put("experiments", "split", "{\"at\":0.3}");
            state.put("retrieval", "columns", "[]");
            assertThat(state.get("experiments", "columns")).contains("[\"name\"]");
            assertThat(state.delete("experiments", "split")).isTrue();
            assertThat(state.delete("experiments", "split")).isFalse();
            assertThatThrownBy(() -> state.put("experiments", "columns", " ")).isInstanceOf(IllegalArgumentException.class);
        }
        try (var ws = Workspace.open(dir.resolve("ws"))) {
            var state = new UiStateStore(ws);
            assertThat(state.get("experiments", "columns")).contains("[\"name\"]");
            assertThat(state.get("experiments", "split")).isEmpty();
            assertThat(state.deleteScope("retrieval")).isEqualTo(1);
            assertThat(state.get("retrieval", "columns")).isEmpty();
            assertThat(state.get("experiments", "columns")).isPresent();
        }
    }
}
