package dev.ragworkbench.progress;

import java.util.Map;

/**
 * The stage names core work reports through {@link ProgressListener#progress} and the words a face shows for
 * each ("Embedding chunks 96 of 240"): one table, so the window's status bar and the terminal name a step alike
 * and a new stage is named once.
 */
public final class Stages {

    public static final String IMPORT = "import";
    public static final String CHUNK = "chunk";
    /** Texts through the embedding model; an index build reports it for its chunks, across all its steps. */
    public static final String EMBED = "embed";
    public static final String INDEX = "index";
    /** Loading an embedding model: reported with {@code total} -1, as its length is not known. */
    public static final String LOAD_MODEL = "load-model";

    private static final Map<String, String> LABELS = Map.of(
            IMPORT, "Files",
            CHUNK, "Chunking documents",
            EMBED, "Embedding chunks",
            INDEX, "Indexing chunks",
            LOAD_MODEL, "Loading the embedding model");

    private Stages() {
    }

    /** What a person reads for {@code stage}: its label, or the name itself, capitalised, for a stage not listed. */
    public static String label(String stage) {
        if (stage == null || stage.isBlank()) {
            return "Working";
        }
        String known = LABELS.get(stage);
        if (known != null) {
            return known;
        }
        String s = stage.replace('_', ' ').replace('-', ' ').strip();
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
