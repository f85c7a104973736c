package dev.ragworkbench.index;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an index was built with. Stored in the index's commit data, so an index always describes itself and
 * opening it with other settings can be refused instead of silently mixing vectors or analysers.
 *
 * @param name      folder name under {@code indexes/}: {@code corpus.chunker-slug.embedder}
 * @param corpus    the corpus whose documents it holds
 * @param chunker   the canonical chunker spec, e.g. {@code fixed:size=200,overlap=40}
 * @param embedder  the embedder's name, or {@code none} for a text-only (BM25) index
 * @param analyzer  the analyser of the BM25 text field, e.g. {@code english}
 * @param dimension vector dimension, 0 without an embedder
 */
public record IndexSettings(String name, String corpus, String chunker, String embedder, String analyzer,
                            int dimension) {

    public static final String NO_EMBEDDER = "none";

    public boolean hasVectors() {
        return !NO_EMBEDDER.equals(embedder);
    }

    /** The index name for a corpus, a chunker slug and an embedder: safe as a folder name on every OS. */
    public static String nameFor(String corpus, String chunkerSlug, String embedder) {
        return (corpus + "." + chunkerSlug + "." + embedder).replaceAll("[^A-Za-z0-9._-]", "-");
    }

    Map<String, String> toUserData() {
        var data = new LinkedHashMap<String, String>();
        data.put("name", name);
        data.put("corpus", corpus);
        data.put("chunker", chunker);
        data.put("embedder", embedder);
        data.put("analyzer", analyzer);
        data.put("dimension", Integer.toString(dimension));
        return data;
    }

    static IndexSettings fromUserData(Map<String, String> data) {
        String name = data.get("name");
        if (name == null) {
            throw new IndexException("not a RAG Workbench index (its commit carries no settings)");
        }
        return new IndexSettings(name, data.get("corpus"), data.get("chunker"), data.get("embedder"),
                data.get("analyzer"), Integer.parseInt(data.getOrDefault("dimension", "0")));
    }
}
