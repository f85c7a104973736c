package dev.ragworkbench.ui.experiments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The param and metric columns a user chose for the history table, remembered per experiment in the workspace's
 * UI state as {@code {"params":[…],"metrics":[…]}}.
 */
public record ColumnChoice(List<String> params, List<String> metrics) {

    static final String SCOPE = "experiments.history";
    private static final ObjectMapper JSON = new ObjectMapper();

    public ColumnChoice {
        params = List.copyOf(params);
        metrics = List.copyOf(metrics);
    }

    /** The UI-state key of an experiment's choice ({@code columns:*} for all experiments together). */
    static String key(String experiment) {
        return "columns:" + (experiment == null ? "*" : experiment);
    }

    String toJson() {
        ObjectNode root = JSON.createObjectNode();
        params.forEach(root.putArray("params")::add);
        metrics.forEach(root.putArray("metrics")::add);
        return root.toString();
    }

    static ColumnChoice fromJson(String json) {
        try {
            var root = JSON.readTree(json);
            var params = new ArrayList<String>();
            var metrics = new ArrayList<String>();
            root.path("params").forEach(n -> params.add(n.asText()));
            root.path("metrics").forEach(n -> metrics.add(n.asText()));
            return new ColumnChoice(params, metrics);
        } catch (java.io.IOException e) {
            // a layout that cannot be read is forgotten, not an error: the defaults show instead
            return null;
        }
    }

    ColumnChoice withParam(String key, boolean shown) {
        return new ColumnChoice(toggled(params, key, shown), metrics);
    }

    ColumnChoice withMetric(String name, boolean shown) {
        return new ColumnChoice(params, toggled(metrics, name, shown));
    }

    private static List<String> toggled(List<String> list, String item, boolean shown) {
        var out = new ArrayList<>(list);
        out.remove(item);
        if (shown) {
            out.add(item);
        }
        return out;
    }
}
