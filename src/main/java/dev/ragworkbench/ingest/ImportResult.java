package dev.ragworkbench.ingest;

import java.time.Duration;
import java.util.List;

/**
 * What one import did.
 *
 * @param corpus     the corpus name the documents went to
 * @param format     the concrete format used ({@link ImportFormat#BEIR} or {@link ImportFormat#FILES})
 * @param added      new documents
 * @param updated    documents whose id existed with different content
 * @param unchanged  documents already stored with the same content
 * @param duplicates documents skipped because another id in the corpus has the same text
 * @param failures   sources that could not be read, each with its reason
 * @param elapsed    wall-clock time of the import
 */
public record ImportResult(String corpus, ImportFormat format, int added, int updated, int unchanged, int duplicates,
                           List<ImportFailure> failures, Duration elapsed) {

    public ImportResult {
        failures = List.copyOf(failures);
    }

    /** Documents now stored from this import (added, updated or unchanged). */
    public int stored() {
        return added + updated + unchanged;
    }
}
