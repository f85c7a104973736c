package dev.ragworkbench.ui.models;

import dev.ragworkbench.experiment.PairwiseItem;
import dev.ragworkbench.generation.ChatServer;
import dev.ragworkbench.generation.ScriptedJudge;
import dev.ragworkbench.ui.Screenshots;
import dev.ragworkbench.ui.shell.AppConfig;
import dev.ragworkbench.ui.shell.AppShell;
import dev.ragworkbench.ui.shell.Section;
import dev.ragworkbench.ui.shell.UiSettings;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Models pane's pairwise judge in the real window under Xvfb: base and tuned predictions on
 * {@link ModelsFixture}'s four items, judged by a scripted judge that prefers the output equal to the reference
 * (case and a final full stop aside), except on q2, where it always prefers the first position. By hand:
 * q1 both equal → tie (agreed); q2 orders disagree → tie; q3 tuned → win; q4 base has no output → failed.
 * So tuned wins 1, ties 2, loses 0, 1 failed; agreement 2 of 3; win rate (1 + 1) / 3.
 */
@ExtendWith(ApplicationExtension.class)
class PairwisePaneTest {

    @TempDir
    static Path tmp;

    private AppShell shell;
    private Preferences prefs;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        prefs = Preferences.userRoot().node("dev/ragworkbench/test/" + UUID.randomUUID());
        shell = new AppShell(stage, new AppConfig(tmp.resolve("ws-" + UUID.randomUUID()), new UiSettings(prefs), false, false));
        shell.start();
        stage.setWidth(1270); // xvfb-run's screen is 1280 wide: the robot cannot click beyond it
        stage.setHeight(900);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        WaitForAsyncUtils.asyncFx(() -> shell.close()).get(20, TimeUnit.SECONDS);
        prefs.removeNode();
    }

    private static String plain(String s) {
        return s.strip().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    }

    private static final ScriptedJudge.Behaviour JUDGE = q -> {
        if (q.reference().startsWith("30 days")) {
            return ScriptedJudge.FIRST_POSITION.reply(q);
        }
        boolean a = plain(q.first()).equals(plain(q.reference()));
        boolean b = plain(q.second()).equals(plain(q.reference()));
        return "{\"reason\": \"" + (a == b ? "Both are as close to the reference." : "One matches the reference.")
               + "\", \"verdict\": \"" + (a == b ? "tie" : a ? "A" : "B") + "\"}";
    };

    @Test
    void judgesTheTwoModelsShownAndOpensADisagreement(FxRobot robot) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data-" + UUID.randomUUID()));
        Path set = ModelsFixture.testSet(data);
        Path base = ModelsFixture.base(data);
        Path tuned = ModelsFixture.tuned(data);
        try (var server = new ChatServer()) {
            server.server.setDispatcher(new ScriptedJudge(JUDGE));
            robot.clickOn("#nav-models");
            WaitForAsyncUtils.waitForFxEvents();
            var page = shell.page(Section.MODELS, ModelsPage.class);
            var vm = page.viewModel();
            var judging = page.pairwise();
            shell.session().workbench().chatModels().add(ScriptedJudge.model("qwen2.5-judge", server));
            robot.interact(() -> {
                judging.loadJudges();
                vm.openTestSet(set);
                vm.addPredictions(base);
                vm.addPredictions(tuned);
            });
            waitFor("ready to run", () -> vm.canRun().get() && !judging.judges().isEmpty(),
                    () -> "error '" + vm.errorProperty().get() + "', judges " + judging.judges());
            robot.clickOn("#models-run");
            waitFor("model runs", () -> !vm.runningProperty().get() && vm.runIds().size() == 2,
                    () -> "status '" + vm.statusProperty().get() + "', error '" + vm.errorProperty().get() + "'");

            robot.clickOn("Pairwise judge");
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup("#pairwise-pair").queryAs(Label.class).getText())
                    .isEqualTo("mistral-7b-qlora against mistral-7b-base");
            assertThat(robot.lookup("#pairwise-rubric").queryAs(TextArea.class).getText()).startsWith("Prefer the response");
            assertThat(judging.judgeProperty().get()).isEqualTo("qwen2.5-judge");
            robot.clickOn("#pairwise-start");
            waitFor("judging", () -> !judging.runningProperty().get() && (judging.outcomeProperty().get() != null
                    || !judging.errorProperty().get().isEmpty()), () -> "status '" + judging.statusProperty().get()
                    + "', error '" + judging.errorProperty().get() + "'");
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(judging.errorProperty().get()).isEmpty();
            assertThat(server.requests()).isEqualTo(6); // two orders × three items both models answered

            assertThat(text(robot, "#pairwise-counts")).isEqualTo("mistral-7b-qlora wins 1 · ties 2 · loses 0 · 1 not judged (failed)");
            assertThat(text(robot, "#pairwise-win-rate")).startsWith("0.6667  [");
            assertThat(text(robot, "#pairwise-agreement")).isEqualTo("67 % (2 of 3 items)");
            ListView<PairwiseItem> list = robot.lookup("#pairwise-disagreements").query();
            assertThat(list.getItems()).extracting(PairwiseItem::id).containsExactly("q2");

            robot.clickOn(robot.lookup(".list-cell").match(n -> n instanceof ListCell<?> c
                    && c.getItem() instanceof PairwiseItem i && i.id().equals("q2")).<Node>query());
            WaitForAsyncUtils.waitForFxEvents();
            var shown = robot.lookup("#pairwise-detail").query().lookupAll(".label").stream()
                    .map(n -> ((Label) n).getText()).toList();
            assertThat(shown).contains("mistral-7b-base shown first: prefers mistral-7b-base",
                    "mistral-7b-qlora shown first: prefers mistral-7b-qlora", "30 days written notice",
                    "The notice period is thirty days.");
            assertThat(shown).filteredOn(t -> t.contains("\"verdict\": \"A\"")).hasSize(2); // both replies kept
            WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
            screenshot("models-pairwise-judge");
        }
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private void waitFor(String what, java.util.concurrent.Callable<Boolean> done,
                         java.util.function.Supplier<String> state) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, done);
        } catch (TimeoutException e) {
            screenshot("models-pairwise-stuck");
            throw new AssertionError(what + " did not finish: " + state.get() + ", tasks " + shell.runner().running(), e);
        }
    }

    private void screenshot(String name) throws Exception {
        Screenshots.save(stage, name);
    }
}
