package dev.ragworkbench.ui.shell;

/**
 * How one pane opens another without importing it: the Retrieval pane a query, Experiments a comparison. The
 * shell implements it; a page takes it from its {@link PageContext}.
 */
public interface Navigator {

    /**
     * Shows {@code section}'s page (building it if needed, detaching the one shown) and hands it {@code request}.
     *
     * @throws IllegalArgumentException when the section takes no request of that type
     *                                  ({@link Section#accepts})
     */
    void open(Section section, PageRequest request);

    /** Shows {@code section}'s page as it was. */
    default void open(Section section) {
        open(section, PageRequest.NONE);
    }
}
