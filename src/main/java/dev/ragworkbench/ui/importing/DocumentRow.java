package dev.ragworkbench.ui.importing;

import dev.ragworkbench.ingest.Document;

import java.time.Instant;

/** A document as the Import table lists it. */
public record DocumentRow(Document document, int tokens, Instant importedAt) {

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
