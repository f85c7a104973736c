package dev.ragworkbench.experiment.history;

import dev.ragworkbench.experiment.store.HistoryFixture;
import dev.ragworkbench.experiment.store.HistoryFixture.Seeded;
import dev.ragworkbench.experiment.store.HistoryQuery;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunStatus;
import dev.ragworkbench.experiment.store.RunStore;
import dev.ragworkbench.workspace.Workspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Queries in the search language run against a real H2 store, checked against what they mean computed in plain
 * Java over the seeded runs: numbers, text, patterns, dates, and a key a run lacks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistorySearchStoreTest {

    Workspace workspace;
    RunStore store;
    List<Seeded> seeded;

    @BeforeAll
    void seed(@TempDir Path dir) {
        workspace = Workspace.open(dir.resolve("ws"));
        store = new RunStore(workspace);
        seeded = HistoryFixture.seed(store, 400, 7);
    }

    @AfterAll
    void close() {
        workspace.close();
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> queries() {
        Instant tenth = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * 40);
        return Stream.of(
                arguments("metrics.`ndcg@10` > 0.65 and (params.retrieval.kind = 'hybrid' or tags.owner = \"ana\")",
                        (Predicate<Seeded>) s -> s.metrics().get("ndcg@10") > 0.65
                                && (s.params().get("retrieval.kind").equals("hybrid") || "ana".equals(s.tags().get("owner")))),
                // a metric some runs lack: the comparison is false for them, and its negation true
                arguments("metrics.latency_ms < 50", (Predicate<Seeded>) s -> s.metrics().containsKey("latency_ms")
                        && s.metrics().get("latency_ms") < 50),
                arguments("not metrics.latency_ms < 50", (Predicate<Seeded>) s -> !(s.metrics().containsKey("latency_ms")
                        && s.metrics().get("latency_ms") < 50)),
                arguments("tags.owner != ana", (Predicate<Seeded>) s -> s.tags().containsKey("owner")
                        && !s.tags().get("owner").equals("ana")),
                // numeric, not textual: "1024" > "256" only as numbers
                arguments("params.chunking.size > 256", (Predicate<Seeded>) s ->
                        Integer.parseInt(s.params().get("chunking.size")) > 256),
                arguments("params.chunking.size = '64' or params.retrieval.k1 >= 1.4", (Predicate<Seeded>) s ->
                        s.params().get("chunking.size").equals("64") || Double.parseDouble(s.params().get("retrieval.k1")) >= 1.4),
                arguments("name like 'GRID-1-%' and not status = failed", (Predicate<Seeded>) s ->
                        s.name().toLowerCase(Locale.ROOT).startsWith("grid-1-") && s.status() != RunStatus.FAILED),
                arguments("start < " + tenth + " or duration < 20000", (Predicate<Seeded>) s ->
                        s.startedAt().isBefore(tenth) || s.durationMs() < 20_000),
                arguments("start = 2026-01-01 and start >= '2026-01-01T03:00'", (Predicate<Seeded>) s ->
                        !s.startedAt().isBefore(Instant.parse("2026-01-01T03:00:00Z"))),
                arguments("params.embedder like '%MINILM%'", (Predicate<Seeded>) s ->
                        s.params().get("embedder").contains("minilm")));
    }

    @org.junit.jupiter.api.Test
    void freeTextAndTheLanguageCombine() {
        var filter = dev.ragworkbench.experiment.store.RunFilter.and(dev.ragworkbench.experiment.store.RunFilter.text("SCIFACT-1"),
                HistorySearch.parse("metrics.ndcg@10 > 0.5"));
        var expected = seeded.stream().filter(s -> s.params().get("index.name").startsWith("scifact-1")
                && s.metrics().get("ndcg@10") > 0.5).map(Seeded::id).sorted().toList();
        var found = store.search(HistoryQuery.all().where(filter)).runs().stream().map(Run::id).sorted().toList();
        assertThat(found).isEqualTo(expected).isNotEmpty();
        // % and _ are plain characters in free text
        assertThat(store.search(HistoryQuery.all().where(dev.ragworkbench.experiment.store.RunFilter.text("grid_1"))).total())
                .isZero();
    }

    @ParameterizedTest
    @MethodSource("queries")
    void findsWhatTheQueryMeans(String query, Predicate<Seeded> meaning) {
        var expected = seeded.stream().filter(meaning).map(Seeded::id).sorted().toList();
        var page = store.search(HistoryQuery.all().where(HistorySearch.parse(query)));
        assertThat(page.runs().stream().map(Run::id).sorted().toList()).isEqualTo(expected);
        assertThat(page.total()).isEqualTo(expected.size());
        assertThat(expected).isNotEmpty().hasSizeLessThan(seeded.size());
    }
}
