package dev.ragworkbench.ui.shell;

import javafx.scene.Node;

/**
 * The page of a pane that is not built yet: its name, what it will do, and that it is coming. It keeps the last
 * request it was opened with, so that the pane that replaces it, and the tests, see what other panes asked.
 */
public class PlaceholderPage implements Page {

    private final Section section;
    private Node view;
    private PageRequest lastRequest = PageRequest.NONE;

    public PlaceholderPage(PageContext context) {
        this.section = context.section();
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new PlaceholderPane(section);
        }
        return view;
    }

    @Override
    public void open(PageRequest request) {
        lastRequest = request;
    }

    /** The request this page was last opened with. */
    public PageRequest lastRequest() {
        return lastRequest;
    }

    @Override
    public void dispose() {
    }
}
