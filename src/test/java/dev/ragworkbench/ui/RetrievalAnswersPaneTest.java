package dev.ragworkbench.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.ChatProvider;
import dev.ragworkbench.generation.ChatServer;
import dev.ragworkbench.ui.retrieval.AnswersViewModel;
import dev.ragworkbench.ui.retrieval.ColumnAnswer;
import dev.ragworkbench.ui.retrieval.RetrievalPage;
import dev.ragworkbench.ui.retrieval.RetrievalViewModel;
import dev.ragworkbench.ui.shell.AppConfig;
import dev.ragworkbench.ui.shell.AppShell;
import dev.ragworkbench.ui.shell.Section;
import dev.ragworkbench.ui.shell.UiSettings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.stage.Stage;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-query view's answers in the real window under Xvfb: two stored models on the scripted server (Ollama
 * and OpenAI-compatible, each in its own wire protocol), the one not offered first picked in the bar, and each of two columns
 * answered under its hits from its own top five.
 */
@ExtendWith(ApplicationExtension.class)
@SuppressWarnings("deprecation") // okhttp3.mockwebserver, as ChatServer
class RetrievalAnswersPaneTest {

    static final String QUERY = "vitamin D deficiency and bone density";
    static final List<String> REPLIES = List.of(
            "Vitamin D deficiency goes with lower bone mineral density, and supplements raise it in deficient"
            + " adults [1][3].",
            "Low serum vitamin D is linked to bone loss and a higher fracture risk in older people [2].");

    @TempDir
    static Path tmp;
    static Path template;

    private AppShell shell;
    private Preferences prefs;
    private Stage stage;
    private ChatServer server;
    private final List<String> paths = Collections.synchronizedList(new ArrayList<>());
    private final List<String> prompts = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void workspace() {
        template = RetrievalFixture.workspace(tmp.resolve("template"));
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        server = new ChatServer();
        server.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    var body = new ObjectMapper().readTree(request.getBody().readUtf8());
                    paths.add(request.getPath());
                    prompts.add(body.path("messages").get(0).path("content").asText());
                    String[] words = REPLIES.get((prompts.size() - 1) % REPLIES.size()).split("(?<= )");
                    return request.getPath().startsWith("/api/") ? ChatServer.ollamaStream(words)
                            : ChatServer.openAiStream(words);
                } catch (Exception e) {
                    return ChatServer.status(400);
                }
            }
        });
        prefs = Preferences.userRoot().node("dev/ragworkbench/test/" + UUID.randomUUID());
        Path ws = tmp.resolve("ws-" + UUID.randomUUID());
        copy(template, ws);
        try (var bench = Workbench.open(ws)) {
            bench.chatModels().add(new ChatModelSettings("llama3-local", ChatProvider.OLLAMA,
                    server.baseUrl(ChatProvider.OLLAMA), "llama3.2", null, 0.0, null, null, 2, null, null, null));
            bench.chatModels().add(new ChatModelSettings("gpt-4o-mini", ChatProvider.OPENAI,
                    server.baseUrl(ChatProvider.OPENAI), "gpt-4o-mini", null, 0.0, null, null, 4, null, null, null));
        }
        shell = new AppShell(stage, new AppConfig(ws, new UiSettings(prefs), false, false));
        shell.start();
        stage.setWidth(1270); // xvfb-run's screen is 1280 wide: the robot cannot click beyond it
        stage.setHeight(900);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        WaitForAsyncUtils.asyncFx(() -> shell.close()).get(20, TimeUnit.SECONDS);
        prefs.removeNode();
        server.close();
    }

    @Test
    void aPickedModelAnswersUnderEachColumnFromItsHits(FxRobot robot) throws Exception {
        robot.interact(() -> shell.select(Section.RETRIEVAL));
        waitFor(60, () -> vm() != null && vm().columns().size() == 3);
        robot.clickOn("#remove-2"); // two columns: BM25 against dense
        waitFor(10, () -> vm().columns().size() == 2);
        waitFor(30, () -> answers().models().size() == 2);
        assertThat(answers().modelProperty().get()).isEqualTo("gpt-4o-mini"); // the store lists them by name

        robot.clickOn("#query").write(QUERY);
        waitFor(120, () -> vm().columns().stream().allMatch(c -> c.resultProperty().get() != null
                && c.resultProperty().get().query().equals(QUERY)));

        robot.clickOn("#answer-model");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> "llama3-local".equals(c.getText())).findFirst().orElseThrow());
        waitFor(10, () -> "llama3-local".equals(answers().modelProperty().get()));
        Button answer = robot.lookup("#answer-button").queryAs(Button.class);
        assertThat(answer.getText()).isEqualTo("Answer");
        robot.clickOn(answer);

        waitFor(60, () -> vm().columns().stream().allMatch(c ->
                answers().answer(c).stateProperty().get() == ColumnAnswer.State.ANSWERED));
        assertThat(paths).hasSize(2).allMatch(p -> p.equals("/api/chat")); // the Ollama model picked, in its protocol
        for (int i = 0; i < 2; i++) {
            Label text = robot.lookup("#answer-text-" + i).queryAs(Label.class);
            assertThat(text.isVisible()).isTrue();
            assertThat(REPLIES).contains(text.getText());
            var hits = vm().columns().get(i).resultProperty().get().hits();
            assertThat(prompts.stream().anyMatch(p -> p.contains("[1] " + hits.getFirst().title().strip())
                    && p.contains("[5] " + hits.get(4).title().strip()))).isTrue();
            assertThat(robot.lookup("#answer-status-" + i).queryAs(Label.class).getText()).startsWith("Answered in ");
        }
        assertThat(answer.getText()).isEqualTo("Answer");
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        Screenshots.save(stage, "retrieval-answers");

        // a new query clears them
        robot.clickOn("#query").write(" in children");
        waitFor(60, () -> vm().columns().stream().allMatch(c ->
                answers().answer(c).stateProperty().get() == ColumnAnswer.State.NONE));
        assertThat(robot.lookup("#answer-0").queryAs(javafx.scene.Node.class).isVisible()).isFalse();
        // and the search it started ends before the window closes (a result shown after the runner has closed
        // would submit the grading's task to a stopped pool)
        waitFor(60, () -> vm().columns().stream().allMatch(c -> c.resultProperty().get() != null
                && c.resultProperty().get().query().equals(QUERY + " in children")));
    }

    private RetrievalViewModel vm() {
        var page = shell.page(Section.RETRIEVAL, RetrievalPage.class);
        return page == null ? null : page.viewModel();
    }

    private AnswersViewModel answers() {
        return shell.page(Section.RETRIEVAL, RetrievalPage.class).answers();
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
