package dev.ragworkbench.ui.chunking;

/** A document to pick: its id and title. */
public record DocumentRef(String id, String title) {
    @Override
    public String toString() {
        return title;
    }
}
