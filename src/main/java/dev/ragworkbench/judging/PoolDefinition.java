package dev.ragworkbench.judging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a pool is made of: the eval set it judges into, its queries (ids of that set), the columns whose top k are
 * pooled and the seed of the shuffle. The same definition over the same indexes gives the same pool, so a session
 * is resumed from this and the set's judgments, both kept in the workspace.
 */
public record PoolDefinition(String evalSet, List<String> queryIds, List<PoolColumn> columns, int k, long seed) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public PoolDefinition {
        Objects.requireNonNull(evalSet, "eval set");
        queryIds = List.copyOf(queryIds);
        columns = List.copyOf(columns);
        if (queryIds.isEmpty()) {
            throw new IllegalArgumentException("a pool needs at least one query");
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a pool needs at least one retriever");
        }
        if (k < 1 || k > 1000) {
            throw new IllegalArgumentException("a pool takes the top 1 to 1000 documents of each retriever, not " + k);
        }
    }

    public String toJson() {
        var node = JSON.createObjectNode();
        node.put("evalSet", evalSet);
        var q = node.putArray("queries");
        queryIds.forEach(q::add);
        var c = node.putArray("columns");
        columns.forEach(col -> c.add(col.toString()));
        node.put("k", k);
        node.put("seed", seed);
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PoolDefinition fromJson(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            var queries = new ArrayList<String>();
            node.get("queries").forEach(n -> queries.add(n.asText()));
            var columns = new ArrayList<PoolColumn>();
            node.get("columns").forEach(n -> columns.add(PoolColumn.parse(n.asText())));
            return new PoolDefinition(node.get("evalSet").asText(), queries, columns, node.get("k").asInt(),
                    node.get("seed").asLong());
        } catch (JsonProcessingException | NullPointerException e) {
            throw new IllegalArgumentException("unreadable pool definition: " + e.getMessage(), e);
        }
    }
}
