package dev.ragworkbench.progress;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StagesTest {

    @Test
    void everyStageTheCoreReportsHasItsOwnWords() {
        assertThat(Stages.label(Stages.CHUNK)).isEqualTo("Chunking documents");
        assertThat(Stages.label(Stages.EMBED)).isEqualTo("Embedding chunks");
        assertThat(Stages.label(Stages.INDEX)).isEqualTo("Indexing chunks");
        assertThat(Stages.label(Stages.LOAD_MODEL)).isEqualTo("Loading the embedding model");
        assertThat(Stages.label("pool_judgments")).isEqualTo("Pool judgments");
        assertThat(Stages.label(null)).isEqualTo("Working");
    }

    @Test
    void aSliceCountsAfterTheSlicesBeforeItOutOfTheWhole() {
        List<String> seen = new ArrayList<>();
        ProgressListener whole = new ProgressListener() {
            @Override
            public void progress(String stage, long done, long total) {
                seen.add(stage + " " + done + "/" + total);
            }

            @Override
            public void note(String message) {
                seen.add("note " + message);
            }
        };
        var second = whole.slice(32, 80);
        second.progress(Stages.EMBED, 0, 32);
        second.progress(Stages.EMBED, 16, 32);
        second.note("truncated 1 text");
        whole.slice(64, 80).progress(Stages.EMBED, 16, 16);
        assertThat(seen).containsExactly("embed 32/80", "embed 48/80", "note truncated 1 text", "embed 80/80");
    }
}
