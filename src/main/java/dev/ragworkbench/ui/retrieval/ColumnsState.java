package dev.ragworkbench.ui.retrieval;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.retrieval.RetrieverSpec;
import dev.ragworkbench.retrieval.compare.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pane's columns as the workspace remembers them (ui_state scope {@code retrieval}, key {@code columns}):
 * {@code [{"index": …, "retriever": SPEC, "top": N, "adapter": RUN_ID}]} (adapter null for none); a column whose
 * spec no longer parses is dropped.
 */
final class ColumnsState {

    static final String SCOPE = "retrieval";
    static final String KEY = "columns";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Saved(String index, String retriever, int top, String adapter) {
    }

    private ColumnsState() {
    }

    static String write(List<Column> columns) {
        var saved = columns.stream().map(c -> new Saved(c.index(), c.retriever().toString(), c.top(), c.adapter())).toList();
        try {
            return JSON.writeValueAsString(saved);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the columns", e);
        }
    }

    static Optional<List<Column>> read(String json) {
        try {
            List<Saved> saved = JSON.readValue(json, new TypeReference<List<Saved>>() { });
            var columns = new ArrayList<Column>();
            for (Saved s : saved) {
                try {
                    columns.add(new Column(s.index(), RetrieverSpec.parse(s.retriever()), s.top(), s.adapter()));
                } catch (IllegalArgumentException e) {
                    // a spec an older or newer build wrote: leave it out rather than lose the others
                }
            }
            return columns.isEmpty() ? Optional.empty() : Optional.of(columns);
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
