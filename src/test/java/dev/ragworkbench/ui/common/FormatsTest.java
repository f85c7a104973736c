package dev.ragworkbench.ui.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest {

    @Test
    void countsReadAsEnglish() {
        assertThat(Formats.counted(1, "query")).isEqualTo("1 query");
        assertThat(Formats.counted(218, "query")).isEqualTo("218 queries");
        assertThat(Formats.counted(3, "match")).isEqualTo("3 matches");
        assertThat(Formats.counted(2, "day")).isEqualTo("2 days");
        assertThat(Formats.counted(12_000, "document")).isEqualTo("12,000 documents");
        assertThat(Formats.counted(0, "file")).isEqualTo("0 files");
    }
}
