package dev.ragworkbench.ui.retrieval;

import dev.ragworkbench.index.IndexInfo;
import dev.ragworkbench.retrieval.compare.Column;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workspace's indexes as the Retrieval pane offers them: their names newest first (the first is a new column's
 * default), the embedders a reranker can use, and what each index holds. FX thread only; the list itself is read
 * off it by the ViewModel.
 */
final class IndexChoices {

    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final ObservableList<String> embedders =
            FXCollections.observableArrayList(RerankForm.embedderChoices(List.of()));
    private final Map<String, IndexInfo> info = new LinkedHashMap<>();

    void set(List<IndexInfo> infos) {
        info.clear();
        infos.stream().sorted((x, y) -> y.builtAt().compareTo(x.builtAt())).forEach(i -> info.put(i.name(), i));
        names.setAll(info.keySet());
        embedders.setAll(RerankForm.embedderChoices(infos));
    }

    ObservableList<String> names() {
        return names;
    }

    ObservableList<String> embedders() {
        return embedders;
    }

    /** The newest index, or null when there is none. */
    String latest() {
        return names.isEmpty() ? null : names.getFirst();
    }

    /** The embedder whose vectors {@code index} holds (null: the latest index); null when none or not known. */
    String embedderOf(String index) {
        IndexInfo i = of(index);
        return i == null || !i.settings().hasVectors() ? null : i.settings().embedder();
    }

    /** Whether {@code index} (null: the latest) has vectors; an index not known yet counts as having them. */
    boolean hasVectors(String index) {
        IndexInfo i = of(index);
        return i == null || i.settings().hasVectors(); // unknown: let the core say
    }

    /** BM25, dense and hybrid over the latest index when it has vectors; two BM25 settings when not. */
    List<Column> defaultColumns() {
        String latest = latest();
        if (latest != null && hasVectors(latest)) {
            return List.of(Column.of(latest, "bm25"), Column.of(latest, "dense"), Column.of(latest, "hybrid-rrf"));
        }
        return List.of(Column.of(latest, "bm25"), Column.of(latest, "bm25:k1=1.2,b=0.75"));
    }

    private IndexInfo of(String index) {
        return index == null ? info.values().stream().findFirst().orElse(null) : info.get(index);
    }
}
