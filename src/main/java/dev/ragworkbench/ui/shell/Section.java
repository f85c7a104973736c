package dev.ragworkbench.ui.shell;

/** The panes of the navigation rail, in workflow order. */
public enum Section {
    IMPORT("Import", "Documents, eval sets and indexes"),
    CHUNKING("Chunking", "Compare chunkers on one document"),
    RETRIEVAL("Retrieval", "Try queries against an index with BM25, dense or hybrid search"),
    MODELS("Models", "Compare embedding models on speed and quality"),
    EXPERIMENTS("Experiments", "Run a grid of set-ups over an eval set and compare the metrics"),
    SETTINGS("Settings", "Workspace, models folder and defaults");

    private final String label;
    private final String description;

    Section(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }
}
