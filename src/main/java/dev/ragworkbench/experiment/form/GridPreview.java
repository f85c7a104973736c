package dev.ragworkbench.experiment.form;

import dev.ragworkbench.experiment.spec.ExperimentSpec;
import dev.ragworkbench.experiment.spec.GridPoint;

import java.util.ArrayList;
import java.util.List;

/**
 * The runs a spec will make, named as their run records will be: the points expanded by
 * {@link ExperimentSpec#expand()}, the code {@code run} uses (lexical retrievers once per chunker with embedder
 * {@code none}; identical points once), each answered once per model of a {@code models} axis, as
 * {@code ExperimentRunner} records them ({@code POINT · MODEL}, a point's models together, in the axis's order).
 *
 * @param models the names of the models axis; empty for a retrieval-only grid
 */
public record GridPreview(List<GridPoint> points, List<String> models) {

    /** How many run names the one-line summary shows before "…". */
    public static final int SHOWN = 4;

    public GridPreview {
        points = List.copyOf(points);
        models = List.copyOf(models);
    }

    public static GridPreview of(ExperimentSpec spec) {
        return new GridPreview(spec.expand(), spec.answers()
                .map(a -> a.models().stream().map(m -> m.ref().name()).toList()).orElse(List.of()));
    }

    /** The grid of a form as it stands, whatever it still lacks. */
    public static GridPreview of(SpecForm form) {
        return new GridPreview(form.forExpansion().expand(), form.modelNames());
    }

    /** The runs' names, in the order the runs are made. */
    public List<String> names() {
        var names = new ArrayList<String>(points.size() * Math.max(1, models.size()));
        for (GridPoint point : points) {
            if (models.isEmpty()) {
                names.add(point.name());
            } else {
                models.forEach(m -> names.add(point.name(m)));
            }
        }
        return names;
    }

    /** How many runs the grid makes. */
    public int runs() {
        return points.size() * Math.max(1, models.size());
    }

    /**
     * {@code 10 runs: none · bm25, none · all-minilm-l6-v2 · dense, …}; with models, how the count comes about:
     * {@code 12 runs (6 points × 2 models): none · bm25 · llama3, …}; {@code no runs} for an empty grid.
     */
    public String summary() {
        if (points.isEmpty()) {
            return "no runs";
        }
        var names = names();
        String head = runs() == 1 ? "1 run" : runs() + " runs";
        if (!models.isEmpty()) {
            head += " (" + count(points.size(), "point") + " × " + count(models.size(), "model") + ")";
        }
        return head + ": " + String.join(", ", names.subList(0, Math.min(SHOWN, names.size())))
                + (names.size() > SHOWN ? ", …" : "");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
