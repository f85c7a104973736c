package dev.ragworkbench.generation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeysFileTest {

    @TempDir
    Path dir;

    @Test
    void storesKeysInAFileOnlyTheUserCanReadAndRefusesOneOthersCan() throws Exception {
        var keys = new KeysFile(dir.resolve("config/RAGWorkbench/keys.json"));
        assertThat(keys.key("gpt")).isEmpty();
        keys.put("gpt", "sk-one");
        keys.put("claude", "sk-two");
        assertThat(keys.key("gpt")).contains("sk-one");
        assertThat(keys.models()).containsExactly("claude", "gpt");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.file().getParent())))
                .isEqualTo("rwx------");
        assertThat(keys.remove("claude")).isTrue();
        assertThat(keys.models()).containsExactly("gpt");

        Files.setPosixFilePermissions(keys.file(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> keys.key("gpt")).hasMessage("keys file " + keys.file() + " may be read by others"
                + " (mode rw-r--r--); make it yours only with: chmod 600 " + keys.file());
        var settings = new ChatModelSettings("gpt", ChatProvider.OPENAI, "http://h", "m", null, null, null,
                Duration.ofSeconds(1), 1, null, null, null);
        assertThatThrownBy(() -> new ApiKeys(Map.<String, String>of()::get, keys).keyFor(settings))
                .isInstanceOfSatisfying(ChatFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ChatFailure.Kind.AUTHENTICATION);
                    assertThat(f.getMessage()).contains("chmod 600").doesNotContain("sk-one");
                });
    }

    @Test
    void aKeyComesFromTheNamedVariableBeforeTheFile() throws Exception {
        var keys = new KeysFile(dir.resolve("keys.json"));
        keys.put("gpt", "from-file-key");
        var env = new ApiKeys(Map.of("MY_KEY", "from-env-key")::get, keys);
        var named = new ChatModelSettings("gpt", ChatProvider.OPENAI, "http://h", "m", null, null, null, null, 1,
                "MY_KEY", null, null);
        var unnamed = new ChatModelSettings("gpt", ChatProvider.OPENAI, "http://h", "m", null, null, null, null, 1,
                null, null, null);
        assertThat(env.keyFor(named)).contains("from-env-key");
        assertThat(env.keyFor(unnamed)).contains("from-file-key");
        assertThat(env.source(named)).isEqualTo("$MY_KEY");
        assertThat(env.source(unnamed)).isEqualTo("keys file");
    }

    @Test
    void theFileLivesInTheUsersConfigFolder() {
        Path home = Path.of("/home/ann");
        assertThat(KeysFile.location("Linux", Map.of(), home)).isEqualTo(Path.of("/home/ann/.config/RAGWorkbench/keys.json"));
        assertThat(KeysFile.location("Linux", Map.of("XDG_CONFIG_HOME", "/cfg"), home))
                .isEqualTo(Path.of("/cfg/RAGWorkbench/keys.json"));
        assertThat(KeysFile.location("Mac OS X", Map.of(), home))
                .isEqualTo(Path.of("/home/ann/Library/Application Support/RAGWorkbench/keys.json"));
        assertThat(Secrets.masked("sk-proj-abcdefghijklmnop1234")).isEqualTo("••••••••••••1234");
        assertThat(Secrets.redact("key sk-x1y2z3 echoed", "sk-x1y2z3")).isEqualTo("key *** echoed");
    }
}
