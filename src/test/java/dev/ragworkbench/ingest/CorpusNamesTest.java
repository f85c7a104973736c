package dev.ragworkbench.ingest;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CorpusNamesTest {

    @TempDir
    Path dir;

    @Test
    void namesComeFromTheBeirFolderTheFileOrTheFolder() throws Exception {
        assertThat(CorpusNames.fromPath(Path.of("/data/SciFact/corpus.jsonl"))).isEqualTo("scifact");
        assertThat(CorpusNames.fromPath(Path.of("/data/nq/nq-dev.jsonl"))).isEqualTo("nq-dev");
        assertThat(CorpusNames.fromPath(Path.of("/docs/Guide (v2).md"))).isEqualTo("guide--v2-");
        Path folder = Files.createDirectories(dir.resolve("Team.Docs 2025"));
        assertThat(CorpusNames.fromPath(folder)).isEqualTo("team.docs-2025");
    }

    @Test
    void sanitizedNamesCannotBeHiddenOrEmpty() {
        assertThat(CorpusNames.sanitize("..")).isEqualTo("corpus");
        assertThat(CorpusNames.sanitize(".env")).isEqualTo("-env");
        assertThat(CorpusNames.sanitize("  ")).isEqualTo("corpus");
        assertThat(CorpusNames.sanitize("Ünïcode")).isEqualTo("-n-code");
    }

    @Property
    void sanitizedNamesAreAlwaysSafe(@ForAll String raw) {
        String name = CorpusNames.sanitize(raw);
        assertThat(name).matches("[a-z0-9._-]{1,200}").doesNotStartWith(".");
        assertThat(CorpusNames.sanitize(name)).isEqualTo(name);
    }

    @Test
    void formatsResolveByPath() throws Exception {
        Path jsonl = TestFiles.write(dir, "c.JSONL", "{}");
        Path md = TestFiles.write(dir, "a.md", "x");
        assertThat(ImportFormat.AUTO.resolve(jsonl)).isEqualTo(ImportFormat.BEIR);
        assertThat(ImportFormat.AUTO.resolve(md)).isEqualTo(ImportFormat.FILES);
        assertThat(ImportFormat.AUTO.resolve(dir)).isEqualTo(ImportFormat.FILES);
        assertThat(ImportFormat.FILES.resolve(jsonl)).isEqualTo(ImportFormat.FILES);
        assertThat(ImportFormat.fromId(" Beir ")).isEqualTo(ImportFormat.BEIR);
    }
}
