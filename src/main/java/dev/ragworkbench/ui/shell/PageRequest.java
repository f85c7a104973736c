package dev.ragworkbench.ui.shell;

/**
 * What one pane asks another to show, as an immutable record; a type per target section ({@link QueryRequest}
 * and {@link EvalComparisonRequest} for Retrieval, {@link ComparisonRequest} for Experiments), which its
 * {@link Section} names. A pane issue that needs a new kind of request adds a record here beside these.
 */
public interface PageRequest {

    /** Just show the page as it was. */
    PageRequest NONE = new PageRequest() {
        @Override
        public String toString() {
            return "PageRequest.NONE";
        }
    };
}
