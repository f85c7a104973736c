package dev.ragworkbench.ui.shell;

import javafx.scene.Node;

/**
 * One pane of the window as the shell knows it: the shell holds pages, never a pane's View or ViewModel. A new
 * pane is a {@link Section} constant naming its page's constructor and one class implementing this.
 *
 * <p>Life cycle, all on the FX thread: the shell constructs a page (through {@link Section#createPage}) the
 * first time its section is shown, not before, so the first frame pays only for the pane it opens on. Each
 * time the section is shown the shell puts {@link #view()} in the window and calls {@link #attach()}; when
 * another section is shown it calls {@link #detach()} first. A request from another pane
 * ({@link Navigator#open}) arrives through {@link #open} after {@link #attach()}. When the workspace closes (or
 * another is opened) the shell detaches the shown page and calls {@link #dispose()} on every page it built; a
 * disposed page is never shown again: the next workspace gets new pages.
 */
public interface Page {

    /** The page's node; the same one on every call. */
    Node view();

    /**
     * The page is now shown. A page that watches something costly (a timer, a live query) starts here; the
     * default does nothing.
     */
    default void attach() {
    }

    /** The page is now hidden; undoes what {@link #attach()} started. The default does nothing. */
    default void detach() {
    }

    /**
     * Another pane asks this one to show something (a query, a comparison): {@code request} is of the type its
     * {@link Section} accepts. Called after {@link #attach()}. The default ignores it.
     */
    default void open(PageRequest request) {
    }

    /** The workspace closes: cancel the page's work and stop listening to the session. */
    void dispose();
}
