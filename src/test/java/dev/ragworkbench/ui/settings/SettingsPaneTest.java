package dev.ragworkbench.ui.settings;

import atlantafx.base.theme.PrimerLight;
import dev.ragworkbench.generation.ChatProvider;
import dev.ragworkbench.generation.ChatServer;
import dev.ragworkbench.ui.settings.SettingsViewModel.TestState;
import dev.ragworkbench.ui.shell.PageContext;
import dev.ragworkbench.ui.shell.Section;
import dev.ragworkbench.ui.tasks.FxTaskRunner;
import dev.ragworkbench.ui.workspace.WorkspaceSession;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
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

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Settings pane in a real window under Xvfb, against a scripted Ollama on a real socket. */
@ExtendWith(ApplicationExtension.class)
class SettingsPaneTest {

    @TempDir
    static Path tmp;

    private Stage stage;
    private WorkspaceSession session;
    private FxTaskRunner runner;
    private SettingsPage page;
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        System.setProperty("ragworkbench.keys.file", tmp.resolve("config/RAGWorkbench/keys.json").toString());
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        session = WorkspaceSession.openWithoutGoldenSets(tmp.resolve("ws"));
        runner = new FxTaskRunner((title, error) -> errors.add(error));
        page = new SettingsPage(new PageContext(Section.SETTINGS, session, runner, (section, request) -> {
        }));
        stage.setScene(new Scene(page.view(), 1180, 820));
        stage.show();
        page.attach();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        WaitForAsyncUtils.asyncFx(() -> {
            page.dispose();
            runner.close();
            session.close();
        }).get(20, TimeUnit.SECONDS);
        System.clearProperty("ragworkbench.keys.file");
    }

    @Test
    void addsAModelTestsItsConnectionStoresAKeyMaskedAndShowsAFailuresReason(FxRobot robot) throws Exception {
        var vm = page.viewModel();
        try (var server = new ChatServer()) {
            server.enqueue(ChatServer.ollamaStream("I am", " ready", " to answer."));
            robot.clickOn("#new-model");
            robot.clickOn("#name").write("mistral-base");
            robot.interact(() -> robot.lookup("#base-url").queryTextInputControl()
                    .setText(server.baseUrl(ChatProvider.OLLAMA)));
            robot.clickOn("#model-id").write("mistral:7b");
            robot.clickOn("#temperature").write("0");
            robot.clickOn("#save-model");
            waitFor(() -> vm.models().size() == 1);
            ListView<?> list = robot.lookup("#model-list").queryListView();
            assertThat(list.getItems()).hasSize(1);
            assertThat(vm.messageProperty().get()).isEqualTo("Saved mistral-base.");

            robot.clickOn("#test-connection");
            waitFor(() -> vm.testStateProperty().get() == TestState.ANSWERED);
            assertThat(robot.lookup("#test-answer").queryTextInputControl().getText())
                    .isEqualTo("I am ready to answer.");
            assertThat(vm.testResultProperty().get()).matches("Answered in [\\d,]+ ms \\(3 tokens in, 3 out\\)\\.");
            screenshot("settings-models");

            int free;
            try (var socket = new ServerSocket(0)) {
                free = socket.getLocalPort();
            }
            robot.clickOn("#new-model");
            robot.clickOn("#name").write("hosted");
            robot.interact(() -> {
                ComboBox<ChatProvider> provider = robot.lookup("#provider").queryComboBox();
                provider.setValue(ChatProvider.OPENAI);
            });
            int port = free;
            robot.interact(() -> robot.lookup("#base-url").queryTextInputControl()
                    .setText("http://127.0.0.1:" + port + "/v1"));
            robot.clickOn("#model-id").write("gpt-test");
            robot.clickOn("#key-file");
            robot.clickOn("#api-key").write("sk-typed-in-the-pane-0123456789");
            robot.clickOn("#save-model");
            waitFor(() -> vm.models().size() == 2 && !vm.form().storedKeyProperty().get().isEmpty());
            assertThat(vm.form().storedKeyProperty().get()).isEqualTo("••••••••••••6789");
            assertThat(robot.lookup("#api-key").queryTextInputControl().getText()).isEmpty();
            Path keys = tmp.resolve("config/RAGWorkbench/keys.json");
            assertThat(Files.readString(keys)).contains("\"hosted\"", "sk-typed-in-the-pane-0123456789");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-------");

            robot.clickOn("#test-connection");
            waitFor(() -> vm.testStateProperty().get() == TestState.FAILED);
            assertThat(vm.testResultProperty().get()).startsWith("Connection refused by 127.0.0.1:" + free);
            screenshot("settings-test-failed");

            robot.interact(() -> vm.select(vm.models().getFirst()));
            waitFor(() -> "mistral-base".equals(vm.form().nameProperty().get()));
            robot.clickOn("#remove-model");
            waitFor(() -> vm.models().size() == 1);
            assertThat(session.workbench().chatModels().list()).extracting(m -> m.name()).containsExactly("hosted");
        }
        // the key went to the keys file only: the workspace database never saw it
        try (var files = Files.walk(tmp.resolve("ws"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(f.toString()).doesNotContain("sk-typed-in-the-pane");
            }
        }
        assertThat(errors).isEmpty();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void screenshot(String name) throws Exception {
        var image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(20, TimeUnit.SECONDS);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        var out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        var reader = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, reader.getArgb(x, y));
            }
        }
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        ImageIO.write(out, "png", dir.resolve(name + ".png").toFile());
    }
}
