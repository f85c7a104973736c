package dev.ragworkbench.ui.retrieval;

import dev.ragworkbench.retrieval.compare.ColumnHit;

/**
 * The hit selected in the one-query view: which column, which hit, for which query. Grading (the {@code judging}
 * part of this pane) grades {@code hit.docId()} for {@code query}.
 */
public record HitRef(ColumnViewModel column, ColumnHit hit, String query) {
}
