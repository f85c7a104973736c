package dev.ragworkbench.experiment.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the history filters and sorts runs by: one of a run's attributes ({@code status}, {@code startedAt}), or
 * the value of one param, metric or tag. Written as in MLflow's search: {@code params.chunking.size},
 * {@code metrics.ndcg@10}, {@code tags.owner}, or an attribute's name ({@code attributes.} may precede it).
 *
 * @param attribute the attribute, for {@link Kind#ATTRIBUTE}; else null
 * @param key       the param, metric or tag key; for an attribute its name
 */
public record RunField(Kind kind, Attribute attribute, String key) {

    public enum Kind { ATTRIBUTE, PARAM, METRIC, TAG }

    /** The type a field's values compare as. */
    public enum Type { TEXT, NUMBER, TIME }

    /** A run's own columns, named as in the run's JSON. */
    public enum Attribute {
        ID("id", "r.id", Type.TEXT),
        NAME("name", "r.name", Type.TEXT),
        EXPERIMENT("experiment", "e.name", Type.TEXT),
        EXPERIMENT_ID("experimentId", "r.experiment_id", Type.NUMBER),
        EXECUTION_ID("executionId", "r.execution_id", Type.NUMBER),
        STATUS("status", "r.status", Type.TEXT),
        STATUS_REASON("statusReason", "r.status_reason", Type.TEXT),
        STARTED_AT("startedAt", "r.started_at", Type.TIME),
        UPDATED_AT("updatedAt", "r.updated_at", Type.TIME),
        ENDED_AT("endedAt", "r.ended_at", Type.TIME),
        DURATION_MS("durationMs", "r.duration_ms", Type.NUMBER),
        CODE_VERSION("codeVersion", "r.code_version", Type.TEXT);

        private final String id;
        final String column;
        private final Type type;

        Attribute(String id, String column, Type type) {
            this.id = id;
            this.column = column;
            this.type = type;
        }

        public String id() {
            return id;
        }

        public Type type() {
            return type;
        }

        public static Attribute fromId(String id) {
            for (Attribute a : values()) {
                if (a.id.equalsIgnoreCase(id)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown run attribute '" + id + "'; use one of "
                    + Arrays.stream(values()).map(Attribute::id).collect(Collectors.joining(", "))
                    + ", or params.KEY, metrics.NAME, tags.KEY");
        }
    }

    public RunField {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.ATTRIBUTE) != (attribute != null)) {
            throw new IllegalArgumentException("an attribute field names its attribute; a " + kind + " field does not");
        }
        if (kind == Kind.ATTRIBUTE) {
            key = attribute.id();
        }
        StoreChecks.requireText(key, kind.name().toLowerCase(Locale.ROOT) + " key");
        if (kind == Kind.METRIC) {
            key = MetricNames.canonical(key);
        }
    }

    public static RunField attribute(Attribute attribute) {
        return new RunField(Kind.ATTRIBUTE, attribute, null);
    }

    public static RunField param(String key) {
        return new RunField(Kind.PARAM, null, key);
    }

    public static RunField metric(String name) {
        return new RunField(Kind.METRIC, null, name);
    }

    public static RunField tag(String key) {
        return new RunField(Kind.TAG, null, key);
    }

    /** Reads {@code params.K}, {@code metrics.K}, {@code tags.K}, {@code attributes.NAME} or an attribute's name. */
    public static RunField parse(String text) {
        String t = text.strip();
        for (var prefix : new String[][]{{"params.", "PARAM"}, {"param.", "PARAM"}, {"metrics.", "METRIC"},
                {"metric.", "METRIC"}, {"tags.", "TAG"}, {"tag.", "TAG"}}) {
            if (t.regionMatches(true, 0, prefix[0], 0, prefix[0].length())) {
                return new RunField(Kind.valueOf(prefix[1]), null, t.substring(prefix[0].length()));
            }
        }
        String name = t.regionMatches(true, 0, "attributes.", 0, 11) ? t.substring(11) : t;
        return attribute(Attribute.fromId(name));
    }

    /** How its values compare: metrics as numbers, params and tags as text (params also as numbers). */
    public Type type() {
        return switch (kind) {
            case ATTRIBUTE -> attribute.type();
            case METRIC -> Type.NUMBER;
            case PARAM, TAG -> Type.TEXT;
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ATTRIBUTE -> key;
            case PARAM -> "params." + key;
            case METRIC -> "metrics." + key;
            case TAG -> "tags." + key;
        };
    }
}
