package dev.ragworkbench.experiment.form;

import dev.ragworkbench.experiment.spec.ExperimentSpec;
import dev.ragworkbench.experiment.spec.GridPoint;

import java.util.List;

/**
 * The runs a spec will make, named as their run records will be, expanded by {@link ExperimentSpec#expand()}, the
 * code {@code run} uses (lexical retrievers once per chunker with embedder {@code none}; identical points once).
 */
public record GridPreview(List<GridPoint> points) {

    /** How many run names the one-line summary shows before "…". */
    public static final int SHOWN = 4;

    public GridPreview {
        points = List.copyOf(points);
    }

    public static GridPreview of(ExperimentSpec spec) {
        return new GridPreview(spec.expand());
    }

    /** The grid of a form as it stands, whatever it still lacks. */
    public static GridPreview of(SpecForm form) {
        return of(form.forExpansion());
    }

    public List<String> names() {
        return points.stream().map(GridPoint::name).toList();
    }

    /** {@code 10 runs: none · bm25, none · all-minilm-l6-v2 · dense, …}; {@code no runs} for an empty grid. */
    public String summary() {
        if (points.isEmpty()) {
            return "no runs";
        }
        var names = names();
        String head = points.size() == 1 ? "1 run: " : points.size() + " runs: ";
        return head + String.join(", ", names.subList(0, Math.min(SHOWN, names.size())))
                + (names.size() > SHOWN ? ", …" : "");
    }
}
