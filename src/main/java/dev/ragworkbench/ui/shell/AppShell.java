package dev.ragworkbench.ui.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.ragworkbench.ui.common.Dialogs;
import dev.ragworkbench.ui.common.FirstPulse;
import dev.ragworkbench.ui.tasks.FxTaskRunner;
import dev.ragworkbench.ui.tasks.TaskRequest;
import dev.ragworkbench.ui.workspace.WorkspaceSession;
import javafx.animation.PauseTransition;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The window: menu, navigation rail, the shown page, status bar. It opens a workspace as a {@link WorkspaceSession}
 * (whose {@code Workbench} is the one composition root, shared with the command line) and builds each section's
 * {@link Page} from it when first shown; it knows pages only through that contract, and is the {@link Navigator}
 * through which one page opens another. Switching workspace disposes the pages; the new one gets new pages.
 */
public final class AppShell implements AutoCloseable, Navigator {

    private final Stage stage;
    private final AppConfig config;
    private final UiSettings settings;
    private final FxTaskRunner runner;
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final ToggleGroup navigation = new ToggleGroup();
    private final Map<Section, ToggleButton> navButtons = new EnumMap<>(Section.class);
    /** The pages built for the open workspace, each the first time its section was shown. */
    private final Map<Section, Page> pages = new EnumMap<>(Section.class);
    /** How long after a workspace opened the sections not shown yet are warmed (see {@link #warmLater}). */
    static final Duration WARM_DELAY = Duration.millis(1500);

    private final PauseTransition warmTimer = new PauseTransition(WARM_DELAY);
    private final StatusBar statusBar;
    private final Menu recentMenu = new Menu("Open recent");
    private final ChangeListener<ColorScheme> systemScheme = (o, a, b) -> applyTheme();

    private WorkspaceSession session;
    private Section current = Section.IMPORT;
    /** The page in the window, attached; null before the first and between workspaces. */
    private Page shown;

    public AppShell(Stage stage, AppConfig config) {
        this.stage = stage;
        this.config = config;
        this.settings = config.settings();
        this.runner = new FxTaskRunner((title, error) -> Dialogs.showError(stage, title, error));
        this.statusBar = new StatusBar(runner.running());
    }

    /** Opens the workspace, builds the window and shows it. */
    public void start() {
        StartupProbe.mark("fxStart");
        runner.hold();
        root.getStyleClass().add("app-root");
        root.setTop(menuBar());
        root.setLeft(rail());
        content.getStyleClass().add("content");
        root.setCenter(content);
        root.setBottom(statusBar);
        var scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(AppShell.class.getResource("/dev/ragworkbench/ui/app.css").toExternalForm());
        stage.setScene(scene);
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        applyTheme();
        Platform.getPreferences().colorSchemeProperty().addListener(systemScheme);
        restoreWindow();
        try {
            current = Section.valueOf(settings.lastPane());
        } catch (IllegalArgumentException e) {
            current = Section.IMPORT;
        }
        openWorkspace(config.initialWorkspace());
        select(current);
        stage.setOnCloseRequest(e -> saveWindow());
        StartupProbe.mark("built");
        stage.show();
        // the panes' first background tasks waited for the first frame, which so had the CPU to itself
        FirstPulse.afterNext(scene, runner::release);
        StartupProbe.afterShown(scene, runner);
    }

    /** Closes the current workspace (cancelling its work) and opens {@code dir}, creating it when new. */
    public void openWorkspace(Path dir) {
        WorkspaceSession next;
        try {
            next = WorkspacePreload.take(dir);
            if (next == null) {
                next = WorkspaceSession.openWithoutGoldenSets(dir);
            }
        } catch (RuntimeException e) {
            Dialogs.showError(stage, "Opening workspace " + dir, e);
            return;
        }
        disposePanes();
        runner.awaitEssential(FxTaskRunner.ESSENTIAL_WAIT_MS); // the panes' last writes (grades) land first
        if (session != null) {
            session.close();
        }
        session = next;
        StartupProbe.mark("workspaceOpen");
        settings.opened(session.root());
        stage.setTitle("RAG Workbench — " + session.name());
        statusBar.workspace("Workspace: " + session.name(), session.root().toString());
        var opened = session;
        runner.run(TaskRequest.of("Reading eval sets", (progress, cancel) -> opened.goldenSetStore().list())
                .unlisted().onSuccess(sets -> {
                    if (opened == session) {
                        opened.addGoldenSets(sets);
                    }
                }));
        buildPanes();
        warmLater(opened);
        rebuildRecentMenu();
        if (config.seedSample() && session.workbench().needsSample()) {
            seedSample(session);
        }
    }

    private void seedSample(WorkspaceSession s) {
        runner.run(TaskRequest.of("Setting up the sample", (progress, cancel) -> s.workbench().seedSample(progress, cancel))
                .onSuccess(golden -> {
                    if (s != session) {
                        return;
                    }
                    s.addGoldenSets(List.of(golden));
                    s.documentsChanged();
                    if (config.buildSampleIndex()) {
                        runner.run(TaskRequest.of("Indexing the sample",
                                (progress, cancel) -> s.workbench().buildSampleIndex(progress, cancel)).onSuccess(r -> {
                            if (s == session) {
                                s.indexesChanged();
                            }
                        }));
                    }
                }));
    }

    /**
     * {@link #WARM_DELAY} after {@code s} opened (past the first frame and the shown page's first reads), warms,
     * off the FX thread, each section that has a warm step and whose page is not built yet ({@link Section#warm}).
     */
    private void warmLater(WorkspaceSession s) {
        warmTimer.stop();
        warmTimer.setOnFinished(e -> {
            for (Section section : Section.values()) {
                if (s == session && section.warms() && !pages.containsKey(section)) {
                    runner.run(TaskRequest.of("Warming " + section.label(), (progress, cancel) -> {
                        section.warm(s);
                        return null;
                    }).unlisted().silentErrors());
                }
            }
        });
        warmTimer.playFromStart();
    }

    /** Pages are built when first shown: the window's first frame needs only the one it opens on. */
    private void buildPanes() {
        pages.clear();
        select(current);
    }

    private Page page(Section section) {
        return pages.computeIfAbsent(section, s -> s.createPage(new PageContext(s, session, runner, this)));
    }

    private void disposePanes() {
        if (shown != null) {
            shown.detach();
            shown = null;
        }
        pages.values().forEach(Page::dispose);
        pages.clear();
    }

    /** Shows {@code section}'s page. */
    public void select(Section section) {
        open(section, PageRequest.NONE);
    }

    @Override
    public void open(Section section, PageRequest request) {
        if (!section.accepts(request)) {
            throw new IllegalArgumentException("the " + section.label() + " pane takes no "
                    + request.getClass().getSimpleName() + "; it takes " + section.requestTypes());
        }
        current = section;
        navButtons.get(section).setSelected(true);
        settings.lastPane(section.name());
        if (session == null) {
            return;
        }
        Page page = page(section);
        if (page != shown) {
            if (shown != null) {
                shown.detach();
            }
            content.getChildren().setAll(page.view());
            shown = page;
            page.attach();
        }
        if (request != PageRequest.NONE) {
            page.open(request);
        }
    }

    private Node rail() {
        var rail = new VBox(4);
        rail.getStyleClass().add("nav-rail");
        var heading = new Label("RAG Workbench");
        heading.getStyleClass().add("nav-heading");
        rail.getChildren().add(heading);
        int step = 1;
        for (Section s : Section.values()) {
            var button = new ToggleButton(s == Section.SETTINGS ? s.label() : step++ + "   " + s.label());
            button.setId("nav-" + s.name().toLowerCase(java.util.Locale.ROOT));
            button.getStyleClass().add("nav-button");
            button.setToggleGroup(navigation);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setAlignment(Pos.CENTER_LEFT);
            button.setTooltip(new Tooltip(s.description()));
            button.setOnAction(e -> select(s));
            if (s == Section.SETTINGS) {
                var spacer = new Region();
                VBox.setVgrow(spacer, Priority.ALWAYS);
                rail.getChildren().add(spacer);
            }
            navButtons.put(s, button);
            rail.getChildren().add(button);
        }
        // a toggle group lets the user unselect; keep one pane always selected
        navigation.selectedToggleProperty().addListener((o, before, now) -> {
            if (now == null && before != null) {
                before.setSelected(true);
            }
        });
        return rail;
    }

    private MenuBar menuBar() {
        var newWs = new MenuItem("New workspace…");
        newWs.setOnAction(e -> chooseWorkspace("Create a workspace folder"));
        var open = new MenuItem("Open workspace…");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> chooseWorkspace("Open a workspace folder"));
        var quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> {
            saveWindow();
            stage.close();
        });
        var file = new Menu("File", null, newWs, open, recentMenu, new SeparatorMenuItem(), quit);

        var themes = new ToggleGroup();
        var theme = new Menu("Theme");
        for (UiSettings.Theme t : UiSettings.Theme.values()) {
            var item = new RadioMenuItem(switch (t) {
                case SYSTEM -> "Follow the system";
                case LIGHT -> "Light";
                case DARK -> "Dark";
            });
            item.setId("theme-" + t.name().toLowerCase(java.util.Locale.ROOT));
            item.setToggleGroup(themes);
            item.setSelected(settings.theme() == t);
            item.setOnAction(e -> {
                settings.theme(t);
                applyTheme();
            });
            theme.getItems().add(item);
        }
        var view = new Menu("View", null, theme);
        var bar = new MenuBar(file, view);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private void rebuildRecentMenu() {
        recentMenu.getItems().clear();
        for (Path p : settings.recentWorkspaces()) {
            var item = new MenuItem(p.getFileName() + "  —  " + p);
            item.setOnAction(e -> openWorkspace(p));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private void chooseWorkspace(String title) {
        var chooser = new DirectoryChooser();
        chooser.setTitle(title);
        if (session != null && session.root().getParent() != null) {
            chooser.setInitialDirectory(session.root().getParent().toFile());
        }
        var dir = chooser.showDialog(stage);
        if (dir != null) {
            openWorkspace(dir.toPath());
        }
    }

    private void applyTheme() {
        boolean dark = switch (settings.theme()) {
            case DARK -> true;
            case LIGHT -> false;
            case SYSTEM -> Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
        };
        javafx.application.Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        root.getStyleClass().removeAll("dark", "light");
        root.getStyleClass().add(dark ? "dark" : "light");
    }

    private void restoreWindow() {
        double[] b = settings.windowBounds();
        if (b != null) {
            var screens = javafx.stage.Screen.getScreensForRectangle(b[0], b[1], b[2], b[3]);
            if (!screens.isEmpty()) {
                stage.setX(b[0]);
                stage.setY(b[1]);
            }
            stage.setWidth(b[2]);
            stage.setHeight(b[3]);
        }
        stage.setMaximized(settings.maximized());
    }

    private void saveWindow() {
        settings.window(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
        settings.flush();
    }

    public WorkspaceSession session() {
        return session;
    }

    public FxTaskRunner runner() {
        return runner;
    }

    /**
     * {@code section}'s page as {@code type}: built if it is not yet when called on the FX thread; from another
     * thread (a test's wait) the page built so far, or null.
     */
    public <P extends Page> P page(Section section, Class<P> type) {
        if (session != null && Platform.isFxApplicationThread()) {
            return type.cast(page(section));
        }
        return type.cast(pages.get(section));
    }

    @Override
    public void close() {
        warmTimer.stop();
        Platform.getPreferences().colorSchemeProperty().removeListener(systemScheme);
        saveWindow();
        disposePanes();
        runner.close();
        if (session != null) {
            session.close();
        }
    }
}
