package dev.ragworkbench.ui.retrieval;

import dev.ragworkbench.embedding.Embedders;
import dev.ragworkbench.format.Errors;
import dev.ragworkbench.index.IndexInfo;
import dev.ragworkbench.retrieval.RerankerSpec;
import dev.ragworkbench.ui.tasks.TaskRequest;
import javafx.beans.Observable;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A column's reranker as form values: none, a second embedder (one of the workspace's), or a cross-encoder folder,
 * and the depth it re-scores. The column's spec keeps the reranker as the text after {@code +rerank:}
 * ({@link ColumnViewModel#rerankProperty()}); this form writes that text through {@link RerankerSpec} and reads it
 * back, so "copy as spec" and a column remembered with a reranker say the same as the command line. A
 * cross-encoder folder is loaded off the FX thread before it is taken, and one that is no such model is refused
 * with the core's message.
 */
public final class RerankForm {

    /** What re-scores the retriever's best chunks. */
    public enum Kind {
        NONE("none"), EMBEDDER("embedder"), CROSS_ENCODER("cross-encoder");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The embedder proposed first: bundled, so a reranked column works offline. */
    static final String PREFERRED_EMBEDDER = "bge-small-en-v1.5-q";

    private final ColumnViewModel column;
    private final StringProperty text;
    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(Kind.NONE);
    private final ObjectProperty<String> embedder = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<String> model = new ReadOnlyObjectWrapper<>();
    private final IntegerProperty depth = new SimpleIntegerProperty(RerankerSpec.DEFAULT_DEPTH);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private boolean updating;

    RerankForm(ColumnViewModel column, StringProperty text) {
        this.column = column;
        this.text = text;
        read(text.get());
        text.addListener((o, a, t) -> {
            if (!updating) {
                read(t);
            }
        });
        kind.addListener((o, a, k) -> {
            if (!updating && k == Kind.EMBEDDER && embedder.get() == null) {
                embedder.set(defaultEmbedder()); // writes the text
            }
        });
        for (Observable p : new Observable[] {kind, embedder, depth}) {
            p.addListener(o -> write());
        }
    }

    /** The form from the reranker text after {@code +rerank:} (empty: none); a text that does not parse is left. */
    private void read(String t) {
        updating = true;
        message.set("");
        try {
            if (t == null || t.isBlank()) {
                kind.set(Kind.NONE);
                return;
            }
            RerankerSpec spec = RerankerSpec.parse(t);
            kind.set(spec.isCrossEncoder() ? Kind.CROSS_ENCODER : Kind.EMBEDDER);
            if (spec.isCrossEncoder()) {
                model.set(spec.model());
            } else {
                embedder.set(spec.embedder());
            }
            depth.set(spec.depth());
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
        } finally {
            updating = false;
        }
    }

    /** The reranker text of the form: empty for none, and while a cross-encoder has no folder yet. */
    private void write() {
        if (updating) {
            return;
        }
        Kind k = kind.get() == null ? Kind.NONE : kind.get();
        String t = switch (k) {
            case NONE -> "";
            case EMBEDDER -> embedder.get() == null ? "" : new RerankerSpec(embedder.get(), null, depth.get()).toString();
            case CROSS_ENCODER -> model.get() == null ? "" : new RerankerSpec(null, model.get(), depth.get()).toString();
        };
        message.set(k == Kind.CROSS_ENCODER && model.get() == null
                ? "choose a cross-encoder folder (model.onnx and tokenizer.json)" : "");
        updating = true;
        try {
            text.set(t);
        } finally {
            updating = false;
        }
    }

    /** The embedders a reranker can use: the bundled ones, then those of {@code indexes} (a model folder, say). */
    static List<String> embedderChoices(List<IndexInfo> indexes) {
        var names = new LinkedHashSet<>(Embedders.knownNames());
        indexes.stream().filter(i -> i.settings().hasVectors()).forEach(i -> names.add(i.settings().embedder()));
        return List.copyOf(names);
    }

    private String defaultEmbedder() {
        var choices = column.parent().embedders();
        return choices.contains(PREFERRED_EMBEDDER) ? PREFERRED_EMBEDDER : choices.isEmpty() ? null : choices.getFirst();
    }

    /**
     * Takes {@code folder} as the cross-encoder once the core has loaded it (off the FX thread; the model stays
     * loaded for the searches). A folder that is no cross-encoder is refused: the form keeps what it had and says
     * why, in the core's words.
     */
    public void chooseModel(Path folder) {
        if (folder == null) {
            return;
        }
        String path = folder.toAbsolutePath().normalize().toString();
        loading.set(true);
        message.set("loading the cross-encoder in " + path + "…");
        var parent = column.parent();
        parent.runner().run(TaskRequest.of("Loading the cross-encoder in " + path,
                        (p, c) -> parent.session().workbench().reranker(new RerankerSpec(null, path, depth.get())))
                .silentErrors()
                .onSuccess(r -> {
                    updating = true;
                    try {
                        model.set(path);
                        kind.set(Kind.CROSS_ENCODER);
                    } finally {
                        updating = false;
                    }
                    write();
                })
                .onFailure(e -> message.set("refused: " + Errors.sentence(e)))
                .onFinished(() -> loading.set(false)));
    }

    // ---- state

    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    /** The second embedder's name (one of {@link RetrievalViewModel#embedders()}). */
    public ObjectProperty<String> embedderProperty() {
        return embedder;
    }

    /** The cross-encoder's folder, set through {@link #chooseModel}. */
    public ReadOnlyObjectProperty<String> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** Chunks re-scored, {@value RerankerSpec#DEFAULT_DEPTH} unless changed. */
    public IntegerProperty depthProperty() {
        return depth;
    }

    /** Why a folder was refused, or what the form still needs; empty when all is well. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** A chosen folder is being loaded. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }
}
