package dev.ragworkbench.report;

import dev.ragworkbench.experiment.store.Run;

import java.util.Map;
import java.util.Optional;

/**
 * The texts a report quotes beside the numbers: the queries of the eval set a run was evaluated on, and the
 * documents it ranked. The workspace provides them ({@link WorkspaceTexts}); a report without them still has
 * every number.
 */
public interface ReportTexts {

    /** Query (or item) id → its text, for the eval set {@code run} was evaluated on; empty when unknown. */
    Map<String, String> queries(Run run);

    /** The text of a document {@code run} ranked, when the workspace still has it. */
    Optional<String> document(Run run, String documentId);

    /** The name of the corpus {@code run} searched, when known. */
    default Optional<String> corpus(Run run) {
        return Optional.empty();
    }

    static ReportTexts none() {
        return new ReportTexts() {
            @Override
            public Map<String, String> queries(Run run) {
                return Map.of();
            }

            @Override
            public Optional<String> document(Run run, String documentId) {
                return Optional.empty();
            }
        };
    }
}
