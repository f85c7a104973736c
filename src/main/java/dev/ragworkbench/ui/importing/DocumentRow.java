package dev.ragworkbench.ui.importing;

import dev.ragworkbench.ingest.Document;

import java.time.Instant;

/** A document as the Import table lists it; {@code tokens} is {@link #UNCOUNTED} until counted. */
public record DocumentRow(Document document, int tokens, Instant importedAt) {

    /** Tokens not counted yet: the table shows the row at once and the count when it is ready. */
    public static final int UNCOUNTED = -1;

    public String id() {
        return document.id();
    }

    public String title() {
        return document.title();
    }

    public String type() {
        return document.type();
    }

    /** Pages, or 0 when the source has none. */
    public int pages() {
        return document.pageStarts().size();
    }

    public int characters() {
        return document.text().length();
    }

    /** Whether {@code filter} (lower case) occurs in the title, id or type. */
    boolean matches(String filter) {
        return filter.isEmpty() || document.title().toLowerCase(java.util.Locale.ROOT).contains(filter)
               || document.id().toLowerCase(java.util.Locale.ROOT).contains(filter)
               || document.type().contains(filter);
    }
}
