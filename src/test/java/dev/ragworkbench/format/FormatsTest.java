package dev.ragworkbench.format;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

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

    @Test
    void sizesAreInBinaryUnitsNamedAsSuch() {
        assertThat(Formats.bytes(1023)).isEqualTo("1023 B");
        assertThat(Formats.bytes(1024)).isEqualTo("1.0 KiB");
        assertThat(Formats.bytes(1536 * 1024)).isEqualTo("1.5 MiB");
        assertThat(Formats.bytes(1023L * 1024 * 1024 + 943_718)).isEqualTo("1,023.9 MiB");
        assertThat(Formats.bytes(5L << 40)).isEqualTo("5.0 TiB");
    }

    @Test
    void metricsHaveFourDecimalsAndMissingOnesADash() {
        assertThat(Formats.metric(0.65321)).isEqualTo("0.6532");
        assertThat(Formats.metric(1)).isEqualTo("1.0000");
        assertThat(Formats.metric(Double.NaN)).isEqualTo("–");
        assertThat(Formats.metric((Double) null)).isEqualTo("–");
        assertThat(Formats.delta(0.0123)).isEqualTo("+0.0123");
        assertThat(Formats.delta(-0.004)).isEqualTo("-0.0040");
        assertThat(Formats.decimal(212.44)).isEqualTo("212.4");
        assertThat(Formats.percent(0.421)).isEqualTo("42 %");
    }

    @Test
    void durationsScaleTheirUnit() {
        assertThat(Formats.duration(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(Formats.duration(Duration.ofMillis(12_340))).isEqualTo("12.3 s");
        assertThat(Formats.duration(Duration.ofSeconds(245))).isEqualTo("4 min 05 s");
        assertThat(Formats.duration(Duration.ofMinutes(123))).isEqualTo("2 h 03 min");
        assertThat(Formats.seconds(Duration.ofMillis(400))).isEqualTo("0.4 s");
        assertThat(Formats.duration(null)).isEqualTo("–");
    }

    @Test
    void instantsAreLocalToTheMinute() {
        var at = Instant.parse("2026-03-01T14:05:59Z");
        String expected = at.atZone(ZoneId.systemDefault()).toLocalDateTime().toString().substring(0, 16)
                .replace('T', ' ');
        assertThat(Formats.instant(at)).isEqualTo(expected);
        assertThat(Formats.instant(null)).isEqualTo("–");
    }

    @Test
    void tablesAlignColumnsAndRightAlignNumbers() {
        String table = TextTable.of(java.util.List.of(java.util.List.of("name", "n"),
                java.util.List.of("alpha", "7"), java.util.List.of("b", "1,234")), 1);
        assertThat(table).isEqualTo("""
                name       n
                -----  -----
                alpha      7
                b      1,234
                """);
    }
}
