package dev.ragworkbench.experiment.form;

import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.experiment.ExperimentResources;
import dev.ragworkbench.experiment.ExperimentRunner;
import dev.ragworkbench.experiment.spec.ExperimentSpec;
import dev.ragworkbench.experiment.store.RunStore;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a spec as the window shows it: the corpus imported, then every index the grid needs built (each with its
 * own progress), then the runs through {@link ExperimentRunner}, the same code as {@code run}, which finds those
 * indexes current and records each run when it starts. Cancelling ends the running run as cancelled; the finished
 * ones stay.
 */
public final class GridLaunch {

    /** What the grid is doing; called from worker threads (a run's queries are searched in parallel). */
    public interface Listener {
        /** The corpus is being read: {@code done} of {@code total} files or records. */
        void importing(long done, long total);

        /** Index {@code index} of {@code count} ({@code label}: chunker × embedder) reports a step. */
        void indexing(int index, int count, String label, String stage, long done, long total);

        /**
         * Run {@code index} of the grid ({@link GridPreview#names()}' order) has searched, or answered, {@code done}
         * of its {@code total} queries.
         */
        void running(int index, String run, long done, long total);

        /** Run {@code index} is recorded with its metrics. */
        void ended(int index, String run);

        default void note(String message) {
        }
    }

    /** One index the grid needs: a chunker and an embedder ({@code none} for lexical runs). */
    public record IndexNeed(ChunkerSpec chunker, String embedder) {
        public String label() {
            return chunker.slug() + " × " + embedder;
        }
    }

    private final ExperimentResources resources;
    private final RunStore store;

    public GridLaunch(ExperimentResources resources, RunStore store) {
        this.resources = resources;
        this.store = store;
    }

    /** The indexes {@code spec}'s grid needs, in the order its runs use them. */
    public static List<IndexNeed> indexesFor(ExperimentSpec spec) {
        var needs = new LinkedHashSet<IndexNeed>();
        spec.expand().forEach(p -> needs.add(new IndexNeed(p.chunker(), p.embedder())));
        return List.copyOf(needs);
    }

    public List<ExperimentRunner.Outcome> run(ExperimentSpec spec, Listener listener, Cancellation cancel)
            throws IOException {
        ProgressListener importing = new Forward(listener) {
            @Override
            public void progress(String stage, long done, long total) {
                listener.importing(done, total);
            }
        };
        var imported = resources.importCorpus(spec.corpus().path(), spec.corpus().format(), null, importing, cancel);
        boolean changed = imported.added() + imported.updated() > 0;
        var needs = indexesFor(spec);
        for (int i = 0; i < needs.size(); i++) {
            cancel.check();
            int index = i;
            IndexNeed need = needs.get(i);
            listener.indexing(index, needs.size(), need.label(), "index", 0, -1);
            resources.ensureIndex(imported.corpus(), need.chunker(), need.embedder(), changed, new Forward(listener) {
                @Override
                public void progress(String stage, long done, long total) {
                    listener.indexing(index, needs.size(), need.label(), stage, done, total);
                }
            }, cancel);
            listener.indexing(index, needs.size(), need.label(), "index", 1, 1);
        }
        var preview = GridPreview.of(spec);
        var names = preview.names();
        int perPoint = Math.max(1, preview.models().size());
        var current = new AtomicInteger(); // the first run of the point being run
        ProgressListener runs = new Forward(listener) {
            @Override
            public void progress(String stage, long done, long total) {
                int first = current.get();
                if (stage.equals("runs")) {
                    // a point's runs (one per model) end together
                    for (int i = first; i < Math.min(done, names.size()); i++) {
                        listener.ended(i, names.get(i));
                    }
                    current.set((int) done);
                } else if (stage.equals("search") && first < names.size()) {
                    for (int i = first; i < Math.min(first + perPoint, names.size()); i++) {
                        listener.running(i, names.get(i), done, total);
                    }
                } else if (stage.startsWith(ExperimentRunner.ANSWERS_STAGE)) {
                    int model = preview.models().indexOf(stage.substring(ExperimentRunner.ANSWERS_STAGE.length()));
                    if (model >= 0 && first + model < names.size()) {
                        listener.running(first + model, names.get(first + model), done, total);
                    }
                }
            }
        };
        return new ArrayList<>(new ExperimentRunner(resources, store).run(spec, ExperimentRunner.Options.none(),
                runs, cancel));
    }

    /** Passes notes on; each phase says what its progress means. */
    private abstract static class Forward implements ProgressListener {
        private final Listener listener;

        Forward(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void note(String message) {
            listener.note(message);
        }
    }
}
