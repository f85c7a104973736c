package dev.ragworkbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ragworkbench.app.Workbench;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML report of two real runs, opened in headless Chromium (Debian's {@code chromium}, which CI installs):
 * it loads with no console error and no request but its own file, a document text holding {@code <script>}
 * shows as text, and a screenshot is saved for review as {@code target/screenshots/report.png}. Skipped, saying
 * so, only where no Chromium is installed.
 */
class ReportBrowserTest {

    @TempDir
    Path dir;

    @Test
    void theReportLoadsOfflineWithoutErrorsAndShowsMarkupAsText() throws Exception {
        var chromium = DevTools.find();
        Assumptions.assumeTrue(chromium.isPresent(),
                "chromium is not installed (apt-get install chromium); the HTML report's browser test is skipped");
        var runs = ReportFixture.create(dir);
        Path html = dir.resolve("report.html");
        try (var bench = Workbench.open(runs.workspace())) {
            ReportWriter.write(bench.reports().build(runs.ids()), ReportFormat.HTML, html);
        }
        String url = html.toUri().toString();
        Path profile = Files.createDirectories(dir.resolve("profile"));
        try (var browser = DevTools.start(chromium.get(), profile, dir.resolve("chromium.log"))) {
            browser.call("Network.enable", Map.of());
            browser.call("Runtime.enable", Map.of());
            browser.call("Log.enable", Map.of());
            browser.call("Page.enable", Map.of());
            browser.call("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 1600,
                    "deviceScaleFactor", 1, "mobile", false));
            browser.call("Page.navigate", Map.of("url", url));
            browser.await("Page.loadEventFired", p -> true);

            List<String> requested = browser.events("Network.requestWillBeSent").stream()
                    .map(p -> p.get("request").get("url").asText()).distinct().toList();
            assertThat(requested).as("requests").containsExactly(url);
            assertThat(browser.events("Runtime.exceptionThrown")).as("exceptions").isEmpty();
            assertThat(browser.events("Runtime.consoleAPICalled").stream()
                    .filter(p -> p.get("type").asText().matches("error|assert|warning")).toList())
                    .as("console errors").isEmpty();
            assertThat(browser.events("Log.entryAdded").stream().map(p -> p.get("entry"))
                    .filter(e -> e.get("level").asText().matches("error|warning")).toList())
                    .as("log errors (a blocked load or a CSP violation would be one)").isEmpty();

            assertThat(eval(browser, "document.scripts.length").asInt()).isZero();
            assertThat(eval(browser, "document.querySelectorAll('svg.chart').length").asInt()).isGreaterThan(2);
            assertThat(eval(browser, "document.querySelector('table.flips').innerText").asText())
                    .contains(ReportFixture.SCRIPT_DOC);
            assertThat(eval(browser, "document.title").asText()).isEqualTo("fruit: 2 runs · RAG Workbench report");

            JsonNode shot = browser.call("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", false));
            byte[] png = Base64.getDecoder().decode(shot.get("data").asText());
            Path out = Files.createDirectories(Path.of("target", "screenshots")).resolve("report.png");
            Files.write(out, png);
            // The page itself beside its picture, for review.
            Files.copy(html, out.resolveSibling("report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(png).hasSizeGreaterThan(10_000);
            assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
    }

    private static JsonNode eval(DevTools browser, String expression) throws Exception {
        JsonNode r = browser.call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        assertThat(r.has("exceptionDetails")).as(expression + ": " + r).isFalse();
        return r.get("result").get("value");
    }
}
