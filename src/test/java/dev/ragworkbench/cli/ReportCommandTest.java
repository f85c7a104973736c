package dev.ragworkbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.report.CsvReport;
import dev.ragworkbench.report.ReportFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run … --report FILE} and {@code report RUN_ID…} on the runs of {@link ReportFixture}'s spec. */
class ReportCommandTest {

    @TempDir
    static Path dir;
    static String ws;
    static String a;
    static String b;
    static Path runReport;

    @BeforeAll
    static void runWithReport() throws Exception {
        Path spec = ReportFixture.writeSpec(dir);
        ws = dir.resolve("ws").toString();
        runReport = dir.resolve("out/fruit.md");
        var r = CliTestSupport.run("run", spec.toString(), "--workspace", ws, "--json", "--report",
                runReport.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode runs = new ObjectMapper().readTree(r.out()).get("runs");
        a = runs.get(0).get("id").asText();
        b = runs.get(1).get("id").asText();
    }

    @Test
    void runWritesAReportOfItsRunsInTheFormatOfTheExtension() throws Exception {
        String md = Files.readString(runReport);
        assertThat(md).startsWith("## fruit: 2 runs").contains(a, b, "### ");
    }

    @Test
    void reportWritesEachFormat() throws Exception {
        for (String format : new String[] {"html", "md", "csv", "json"}) {
            Path out = dir.resolve("report." + format);
            var r = CliTestSupport.run("report", a, b, "--format", format, "--out", out.toString(),
                    "--workspace", ws);
            assertThat(r.exit()).as(format + ": " + r.err()).isZero();
            assertThat(r.out()).contains("Wrote the " + format + " report of 2 runs to " + out);
            assertThat(Files.readString(out)).as(format).contains(a);
        }
        assertThat(Files.readString(dir.resolve("report.csv"))).startsWith(CsvReport.HEADER + "\r\n");
        assertThat(new ObjectMapper().readTree(dir.resolve("report.json").toFile()).get("runs")).hasSize(2);
    }

    @Test
    void theFormatComesFromTheExtensionAndWithoutOutTheReportIsPrinted() throws Exception {
        Path out = dir.resolve("one.json");
        var r = CliTestSupport.run("report", b, "--out", out.toString(), "--workspace", ws);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(new ObjectMapper().readTree(out.toFile()).get("comparisons")).isEmpty();
        var printed = CliTestSupport.run("report", a, b, "--format", "md", "--workspace", ws);
        assertThat(printed.exit()).as(printed.err()).isZero();
        assertThat(printed.out()).startsWith("## fruit: 2 runs");
    }

    @Test
    void anUnknownRunOrFormatIsBadInput() {
        var r = CliTestSupport.run("report", a, "r-nope", "--format", "md", "--workspace", ws);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("r-nope");
        var f = CliTestSupport.run("report", a, "--format", "pdf", "--workspace", ws);
        assertThat(f.exit()).isEqualTo(2);
        assertThat(f.err()).contains("pdf", "html, md, csv, json");
        var ext = CliTestSupport.run("report", a, "--out", dir.resolve("x.txt").toString(), "--workspace", ws);
        assertThat(ext.exit()).isEqualTo(2);
        assertThat(ext.err()).contains("x.txt");
        assertThat(Files.exists(dir.resolve("x.txt"))).isFalse();
    }

    @Test
    void runRefusesAReportFileOfUnknownTypeBeforeRunningAnything() throws Exception {
        Path spec = dir.resolve("fruit.yaml");
        var r = CliTestSupport.run("run", spec.toString(), "--workspace", dir.resolve("ws2").toString(),
                "--report", dir.resolve("r.pdf").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("r.pdf");
        assertThat(Files.exists(dir.resolve("ws2"))).isFalse();
    }
}
