package dev.ragworkbench.ui.chunking;

import dev.ragworkbench.format.Errors;
import dev.ragworkbench.chunking.ChunkStats;
import dev.ragworkbench.chunking.Chunk;
import dev.ragworkbench.chunking.ChunkerKind;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.embedding.Embedders;
import dev.ragworkbench.index.IndexSettings;
import dev.ragworkbench.ingest.Document;
import dev.ragworkbench.ui.common.Debouncer;
import dev.ragworkbench.ui.tasks.TaskHandle;
import dev.ragworkbench.ui.tasks.TaskRequest;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/**
 * One chunker setting of the preview: kind and parameters as properties; every change re-chunks the current
 * document in the background after a short pause, cancelling the previous run.
 */
public final class ChunkColumnViewModel {

    private final ChunkingViewModel parent;
    private final Debouncer debouncer;
    private final ObjectProperty<ChunkerKind> kind = new SimpleObjectProperty<>();
    private final IntegerProperty size = new SimpleIntegerProperty();
    private final IntegerProperty overlap = new SimpleIntegerProperty();
    private final IntegerProperty percentile = new SimpleIntegerProperty();
    private final ReadOnlyObjectWrapper<ChunkerSpec> spec = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ObservableList<Chunk> chunks = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ChunkStats> stats = new ReadOnlyObjectWrapper<>(ChunkStats.EMPTY);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final BooleanProperty loadingSpec = new SimpleBooleanProperty();
    private TaskHandle job = TaskHandle.DONE;

    ChunkColumnViewModel(ChunkingViewModel parent, ChunkerSpec initial, Debouncer debouncer) {
        this.parent = parent;
        this.debouncer = debouncer;
        setSpec(initial);
        kind.addListener((o, a, b) -> {
            if (b != null && !loadingSpec.get()) {
                // a kind's own parameters keep the user's values where both have them
                var defaults = b.defaults();
                if (defaults.containsKey("percentile") && (percentile.get() < 1 || percentile.get() > 99)) {
                    percentile.set(defaults.get("percentile"));
                }
            }
            changed();
        });
        size.addListener(o -> changed());
        overlap.addListener(o -> changed());
        percentile.addListener(o -> changed());
        updateSpec();
    }

    /** Sets kind and parameters at once (one re-chunk). */
    public void setSpec(ChunkerSpec s) {
        loadingSpec.set(true);
        try {
            kind.set(s.kind());
            var p = s.params();
            size.set(Integer.parseInt(p.getOrDefault("size", String.valueOf(size.get() == 0 ? 256 : size.get()))));
            overlap.set(Integer.parseInt(p.getOrDefault("overlap", String.valueOf(overlap.get()))));
            percentile.set(Integer.parseInt(p.getOrDefault("percentile", String.valueOf(percentile.get() == 0 ? 95
                    : percentile.get()))));
        } finally {
            loadingSpec.set(false);
        }
        changed();
    }

    private void changed() {
        if (loadingSpec.get() || kind.get() == null) {
            return;
        }
        if (updateSpec()) {
            debouncer.request(this::rechunk);
        }
    }

    /** Builds the spec from the fields; false (with an error shown) when they do not make a valid one. */
    private boolean updateSpec() {
        try {
            String text = switch (kind.get()) {
                case NONE -> "none";
                case FIXED, RECURSIVE -> kind.get().id() + ":size=" + size.get() + ",overlap=" + overlap.get();
                case MARKDOWN -> "markdown:size=" + size.get();
                case SEMANTIC -> "semantic:percentile=" + percentile.get() + ",size=" + size.get();
            };
            spec.set(ChunkerSpec.parse(text));
            error.set("");
            return true;
        } catch (IllegalArgumentException e) {
            error.set(Errors.standalone(e));
            job.cancel();
            return false;
        }
    }

    /** Chunks the parent's current document with this column's spec, replacing any run still going. */
    public void rechunk() {
        job.cancel();
        Document doc = parent.document().get();
        ChunkerSpec s = spec.get();
        if (doc == null || s == null || !error.get().isEmpty()) {
            chunks.clear();
            stats.set(ChunkStats.EMPTY);
            return;
        }
        String chosen = parent.embedderProperty().get();
        // The default model's tokens are what the core counts in without an embedder: asking for the embedder
        // itself would load its 90 MB ONNX model just for the tokenizer, on every start (the first preview).
        String embedder = Embedders.DEFAULT.equals(chosen) && s.kind() != ChunkerKind.SEMANTIC
                ? IndexSettings.NO_EMBEDDER : chosen;
        int limit = parent.maxTokensProperty().get();
        var evidence = List.copyOf(parent.evidence());
        busy.set(true);
        record Result(List<Chunk> chunks, ChunkStats stats) {
        }
        job = parent.runner().run(TaskRequest.<Result>of("Chunking with " + s, (progress, cancel) -> {
            var list = parent.session().workbench().chunker(s, embedder).chunk(doc, progress, cancel);
            return new Result(list, ChunkStats.of(list, limit, evidence));
        }).unlisted().silentErrors().onSuccess(r -> {
            if (doc == parent.document().get() && s.equals(spec.get())) {
                chunks.setAll(r.chunks());
                stats.set(r.stats());
            }
        }).onFailure(e -> error.set(Errors.standalone(e))).onFinished(() -> busy.set(false)));
    }

    /** Builds an index of the whole corpus with this setting and the chosen embedder. */
    public void applyToCorpus() {
        parent.buildIndex(spec.get());
    }

    public void remove() {
        job.cancel();
        parent.removeColumn(this);
    }

    void cancel() {
        job.cancel();
    }

    public ObjectProperty<ChunkerKind> kindProperty() {
        return kind;
    }

    public IntegerProperty sizeProperty() {
        return size;
    }

    public IntegerProperty overlapProperty() {
        return overlap;
    }

    public IntegerProperty percentileProperty() {
        return percentile;
    }

    public ReadOnlyObjectProperty<ChunkerSpec> specProperty() {
        return spec.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ObservableList<Chunk> chunks() {
        return chunks;
    }

    public ReadOnlyObjectProperty<ChunkStats> statsProperty() {
        return stats.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    ChunkingViewModel parent() {
        return parent;
    }
}
