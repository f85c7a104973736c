package dev.ragworkbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.experiment.history.TinyExperiment;
import dev.ragworkbench.experiment.store.EndedRun;
import dev.ragworkbench.experiment.store.RunBatch;
import dev.ragworkbench.experiment.store.RunStore;
import dev.ragworkbench.workspace.Workspace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.ragworkbench.cli.CliTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history's commands on a workspace with a real experiment (the tiny spec, run by {@code run}) and lone runs
 * recorded through the store's batch path: {@code runs list --filter/--sort/--offset}, {@code experiments list},
 * tags, notes, delete, and {@code run --baseline marked}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HistoryCommandsTest {

    @TempDir
    static Path dir;
    static String ws;
    static Path spec;
    static List<String> gridIds;

    @BeforeAll
    static void setUp() throws Exception {
        ws = dir.resolve("ws").toString();
        spec = TinyExperiment.write(dir.resolve("data"));
        var r = run("run", spec.toString(), "--workspace", ws, "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        gridIds = new ArrayList<>();
        new ObjectMapper().readTree(r.out()).get("runs").forEach(n -> gridIds.add(n.get("id").asText()));
        try (var workspace = Workspace.open(Path.of(ws))) {
            var store = new RunStore(workspace);
            var runs = new ArrayList<EndedRun>();
            for (int i = 0; i < 6; i++) {
                Instant start = Instant.parse("2025-06-0" + (i + 1) + "T10:00:00Z");
                runs.add(EndedRun.finished("lone-" + i, start, start.plusSeconds(5 + i), RunBatch.builder()
                        .params(Map.of("chunking.size", String.valueOf(64 << i), "note key", "v" + i))
                        .metrics(Map.of("ndcg@10", 0.1 * i)).tags(Map.of("owner", i % 2 == 0 ? "ana" : "bo")).build()));
            }
            store.record(runs);
        }
    }

    static JsonNode json(CliTest.Result r) throws Exception {
        assertThat(r.exit()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    static List<String> names(JsonNode root) {
        var names = new ArrayList<String>();
        root.get("runs").forEach(n -> names.add(n.get("name").asText()));
        return names;
    }

    @Test
    void filterSortAndPage() throws Exception {
        var numeric = json(run("runs", "list", "--workspace", ws, "--json", "--filter",
                "params.chunking.size >= 256 and not tags.owner = bo", "--sort", "params.chunking.size:desc"));
        // 64<<i: 1024 (i=4, ana), 256 (i=2, ana); 512 and 2048 are bo's
        assertThat(names(numeric)).containsExactly("lone-4", "lone-2");
        assertThat(numeric.get("total").asLong()).isEqualTo(2);

        var paged = json(run("runs", "list", "--workspace", ws, "--json", "--filter", "name like 'LONE-%'",
                "--sort", "metrics.`ndcg@10`", "--offset", "2", "--limit", "3"));
        assertThat(names(paged)).containsExactly("lone-2", "lone-3", "lone-4");
        assertThat(paged.get("total").asLong()).isEqualTo(6);
        assertThat(paged.get("offset").asLong()).isEqualTo(2);

        // --status and --search are and-ed with the filter; the default order is newest first
        var combined = json(run("runs", "list", "--workspace", ws, "--json", "--status", "finished",
                "--search", "note KEY", "--filter", "metrics.ndcg@10 < 0.35 or experiment = '" + TinyExperiment.NAME + "'"));
        assertThat(names(combined)).containsExactly("lone-3", "lone-2", "lone-1", "lone-0");

        var text = run("runs", "list", "--workspace", ws, "--filter", "experiment = " + TinyExperiment.NAME, "--limit", "2");
        assertThat(text.out()).contains("ndcg@10", "1–2 of 3 runs; --offset 2 for more");
    }

    @Test
    void aBadFilterShowsWhereAndExitsTwo() {
        var r = run("runs", "list", "--workspace", ws, "--filter", "metrics.ndcg@10 > 0.5 and (tags.owner = ana");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("  metrics.ndcg@10 > 0.5 and (tags.owner = ana" + System.lineSeparator()
                + "                            ^" + System.lineSeparator());
        assertThat(r.lastErrLine()).isEqualTo("error: --filter cannot read the filter at column 27: no ')' closes"
                + " this '('.");
        var sort = run("runs", "list", "--workspace", ws, "--sort", "colour:desc");
        assertThat(sort.exit()).isEqualTo(2);
        assertThat(sort.lastErrLine()).contains("unknown key 'colour'");
    }

    @Test
    void experimentsListCountsRuns() throws Exception {
        var root = json(run("experiments", "list", "--workspace", ws, "--json"));
        assertThat(root.get("experiments")).hasSize(1);
        var tiny = root.get("experiments").get(0);
        assertThat(tiny.get("name").asText()).isEqualTo(TinyExperiment.NAME);
        assertThat(tiny.get("runs").asLong()).isEqualTo(3);
        assertThat(tiny.get("finished").asLong()).isEqualTo(3);
        assertThat(Instant.parse(tiny.get("lastStart").asText())).isBefore(Instant.now());
        assertThat(run("experiments", "list", "--workspace", ws).out()).contains(TinyExperiment.NAME, "last start");
    }

    @Test
    void tagNoteAndDelete() throws Exception {
        String lone = json(run("runs", "list", "--workspace", ws, "--json", "--filter", "name = 'lone-5'"))
                .get("runs").get(0).get("id").asText();
        assertThat(run("runs", "tag", lone, "stage=review", "owner=cy", "--workspace", ws).exit()).isZero();
        var tagged = json(run("runs", "list", "--workspace", ws, "--json", "--filter", "tags.stage = review"));
        assertThat(names(tagged)).containsExactly("lone-5");
        assertThat(tagged.get("runs").get(0).get("tags").get("owner").asText()).isEqualTo("cy");
        assertThat(run("runs", "tag", lone, "nonsense", "--workspace", ws).exit()).isEqualTo(2);

        assertThat(run("runs", "note", lone, "looks", "too", "good", "--workspace", ws).exit()).isZero();
        assertThat(run("runs", "show", lone, "--workspace", ws).out()).contains("looks too good");

        // one unknown id among them: nothing is deleted
        var refused = run("runs", "delete", lone, "r-nope", "--workspace", ws);
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(json(run("runs", "list", "--workspace", ws, "--json", "--filter", "id = " + lone)).get("total").asLong())
                .isEqualTo(1);
        assertThat(run("runs", "delete", lone, "--workspace", ws).out()).contains("deleted " + lone);
        assertThat(json(run("runs", "list", "--workspace", ws, "--json", "--filter", "id = " + lone)).get("total").asLong())
                .isZero();
    }

    @Test
    @Order(Integer.MAX_VALUE) // last (the others have the default order): it adds runs to the experiment, which the others count
    void runGatesAgainstTheMarkedBaseline() throws Exception {
        // before any is marked, 'marked' is bad input
        var none = run("run", spec.toString(), "--workspace", dir.resolve("empty-ws").toString(), "--baseline", "marked");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.lastErrLine()).contains("has no marked baseline");

        var grid = json(run("runs", "list", "--workspace", ws, "--json", "--filter",
                "experiment = " + TinyExperiment.NAME, "--sort", "metrics.ndcg@10:desc"));
        String best = grid.get("runs").get(0).get("id").asText();
        double bestNdcg = grid.get("runs").get(0).get("metrics").get("ndcg@10").asDouble();
        double worstNdcg = grid.get("runs").get(2).get("metrics").get("ndcg@10").asDouble();
        assertThat(bestNdcg - worstNdcg).as("the grid's set-ups differ").isGreaterThan(0.01);

        assertThat(run("runs", "baseline", best, "--workspace", ws).out()).contains("baseline of experiment " + TinyExperiment.NAME);
        assertThat(json(run("experiments", "list", "--workspace", ws, "--json")).get("experiments").get(0)
                .get("baseline").asText()).isEqualTo(best);
        // the grid's weaker set-ups fall below the best one by more than 0.01: the gate fails (exit 1)
        var gated = run("run", spec.toString(), "--workspace", ws, "--baseline", "marked");
        assertThat(gated.exit()).as(gated.err()).isEqualTo(1);
        assertThat(gated.lastErrLine()).contains("baseline gate failed");
        var loose = run("run", spec.toString(), "--workspace", ws, "--baseline", "marked", "--max-drop", "1");
        assertThat(loose.exit()).as(loose.err()).isZero();
        var lone = json(run("runs", "list", "--workspace", ws, "--json", "--filter", "name = 'lone-1'"))
                .get("runs").get(0).get("id").asText();
        assertThat(run("runs", "baseline", lone, "--workspace", ws).exit()).isEqualTo(2);
    }
}
