package dev.ragworkbench.ui.importing;

import dev.ragworkbench.ingest.Document;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.ui.common.Tables.Shown;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.text.CollationKey;
import java.text.Collator;
import java.time.Instant;
import java.util.Locale;

/**
 * A document as the Import table lists it. What its cells show is printed once, where the row is made (the
 * loading task, off the FX thread), and so is its title's collation key, so that filling, sorting and scrolling
 * the table format nothing on the FX thread. The token count comes later (a tokenizer pass over every text) and
 * is set in place: only the visible Tokens cells change, instead of the whole table being replaced a second time.
 */
public final class DocumentRow {

    /** Tokens not counted yet: the table shows the row at once and the count when it is ready. */
    public static final int UNCOUNTED = -1;

    private final Document document;
    private final Instant importedAt;
    private final Shown<Long> pages;
    private final Shown<Long> characters;
    private final Shown<Instant> imported;
    /** Lower-case title, id and type, which the filter searches. */
    private final String searchText;
    /** The title in the locale's collation order, which sorting by title compares. */
    private final CollationKey titleKey;
    private final ReadOnlyObjectWrapper<Shown<Long>> tokens;

    public DocumentRow(Document document, int tokens, Instant importedAt) {
        this.document = document;
        this.importedAt = importedAt;
        int pageCount = document.pageStarts().size();
        this.pages = new Shown<>((long) pageCount, pageCount == 0 ? "–" : Formats.count(pageCount));
        this.characters = new Shown<>((long) document.text().length(), Formats.count(document.text().length()));
        this.imported = new Shown<>(importedAt, Formats.instant(importedAt));
        this.searchText = (document.title() + "\n" + document.id()).toLowerCase(Locale.ROOT) + "\n" + document.type();
        this.titleKey = Collator.getInstance().getCollationKey(document.title());
        this.tokens = new ReadOnlyObjectWrapper<>(this, "tokens", tokensShown(tokens));
    }

    public Document document() {
        return document;
    }

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
        return pages.value().intValue();
    }

    public int characters() {
        return document.text().length();
    }

    /** The token count, or {@link #UNCOUNTED}. */
    public int tokens() {
        return tokens.get().value().intValue();
    }

    public Instant importedAt() {
        return importedAt;
    }

    CollationKey titleKey() {
        return titleKey;
    }

    Shown<Long> pagesShown() {
        return pages;
    }

    Shown<Long> charactersShown() {
        return characters;
    }

    Shown<Instant> importedShown() {
        return imported;
    }

    /** The token count as the Tokens column shows it; changes once, when the count arrives (on the FX thread). */
    ReadOnlyObjectProperty<Shown<Long>> tokensProperty() {
        return tokens.getReadOnlyProperty();
    }

    /** Sets the count (FX thread), printed in advance by {@link #tokensShown}. */
    void setTokens(Shown<Long> counted) {
        tokens.set(counted);
    }

    /** A token count as the table prints it: "…" while it is being counted. */
    static Shown<Long> tokensShown(int tokens) {
        return new Shown<>((long) tokens, tokens == UNCOUNTED ? "…" : Formats.count(tokens));
    }

    /** Whether {@code filter} (lower case) occurs in the title, id or type. */
    boolean matches(String filter) {
        return filter.isEmpty() || searchText.contains(filter);
    }

    @Override
    public String toString() {
        return "DocumentRow[" + document.id() + ", tokens " + tokens() + "]";
    }
}
