package dev.ragworkbench.ui.shell;

import dev.ragworkbench.ui.chunking.ChunkingPage;
import dev.ragworkbench.ui.experiments.ExperimentsPage;
import dev.ragworkbench.ui.importing.ImportPage;
import dev.ragworkbench.ui.models.ModelsPage;
import dev.ragworkbench.ui.retrieval.RetrievalPage;
import dev.ragworkbench.ui.settings.SettingsPage;
import dev.ragworkbench.ui.workspace.WorkspaceSession;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The panes of the navigation rail, in workflow order: each with its label, what it is for, the constructor of
 * its {@link Page}, and the request types another pane may open it with ({@link Navigator#open}). A new pane is
 * a constant here and one page class; the shell needs nothing else.
 */
public enum Section {
    IMPORT("Import", "Documents, eval sets and indexes", ImportPage::new),
    CHUNKING("Chunking", "Compare chunkers on one document", ChunkingPage::new),
    RETRIEVAL("Retrieval", "Try queries against an index, and compare retrievers and embedders on an eval set",
            RetrievalPage::new, QueryRequest.class, EvalComparisonRequest.class),
    MODELS("Models", "Compare chat models, a base model against its fine-tuned version, on a test set",
            ModelsPage::new),
    EXPERIMENTS("Experiments", "Run a grid of set-ups over an eval set and compare the runs",
            ExperimentsPage::new, ExperimentsPage::warm, ComparisonRequest.class, RunRequest.class),
    SETTINGS("Settings", "Workspace, models folder and defaults", SettingsPage::new);

    private final String label;
    private final String description;
    private final Function<PageContext, Page> factory;
    private final Consumer<WorkspaceSession> warm;
    private final List<Class<? extends PageRequest>> requests;

    @SafeVarargs
    Section(String label, String description, Function<PageContext, Page> factory,
            Class<? extends PageRequest>... requests) {
        this(label, description, factory, null, requests);
    }

    @SafeVarargs
    Section(String label, String description, Function<PageContext, Page> factory, Consumer<WorkspaceSession> warm,
            Class<? extends PageRequest>... requests) {
        this.label = label;
        this.description = description;
        this.factory = factory;
        this.warm = warm;
        this.requests = List.of(requests);
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** Builds this section's page (the shell does, the first time the section is shown). */
    public Page createPage(PageContext context) {
        return factory.apply(context);
    }

    /** Whether this section has a {@link #warm} step. */
    public boolean warms() {
        return warm != null;
    }

    /**
     * Off the FX thread, reads what this section's page reads when first shown (a no-op for most) and keeps it in
     * the session ({@link WorkspaceSession#keepWarm}) for the page to take: the shell calls it once after a
     * workspace opened for a page not built yet, so that its first opening shows the data in its first frame.
     * Must not touch JavaFX.
     */
    public void warm(WorkspaceSession session) {
        if (warm != null) {
            warm.accept(session);
        }
    }

    /** Whether this section's page can be opened with {@code request}. */
    public boolean accepts(PageRequest request) {
        return request == PageRequest.NONE || requests.stream().anyMatch(t -> t.isInstance(request));
    }

    /** The request types this section's page takes, besides {@link PageRequest#NONE}. */
    public List<Class<? extends PageRequest>> requestTypes() {
        return requests;
    }
}
