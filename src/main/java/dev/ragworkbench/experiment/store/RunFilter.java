package dev.ragworkbench.experiment.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which runs the history shows: comparisons of {@linkplain RunField fields} with values, combined with and, or
 * and not. The search language of the history pane parses into this; {@link RunHistory} turns it into SQL.
 *
 * <p>Two-valued: a comparison on a param, metric or tag a run does not have is false (so {@code not} of it is
 * true), as is a comparison on an attribute the run has no value of ({@code endedAt} of a running run).
 */
public sealed interface RunFilter {

    /** Matches every run. */
    static RunFilter everything() {
        return new And(List.of());
    }

    static RunFilter and(RunFilter... parts) {
        return new And(Arrays.asList(parts));
    }

    static RunFilter or(RunFilter... parts) {
        return new Or(Arrays.asList(parts));
    }

    static RunFilter not(RunFilter part) {
        return new Not(part);
    }

    /** {@code field op value}, the field written as {@link RunField#parse} reads it. */
    static Condition where(String field, String op, Object value) {
        return new Condition(RunField.parse(field), Op.fromSymbol(op), value);
    }

    /** Comparison operators; {@code LIKE} takes SQL's {@code %} and {@code _} wildcards, {@code ILIKE} ignores case. */
    enum Op {
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), LIKE("LIKE"), ILIKE("ILIKE");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean isPattern() {
            return this == LIKE || this == ILIKE;
        }

        public static Op fromSymbol(String symbol) {
            String s = symbol.strip().toUpperCase(Locale.ROOT);
            if (s.equals("<>") || s.equals("==")) {
                return s.equals("<>") ? NE : EQ;
            }
            for (Op op : values()) {
                if (op.symbol.equals(s)) {
                    return op;
                }
            }
            throw new IllegalArgumentException("unknown comparison '" + symbol + "'; use = != < <= > >= LIKE ILIKE");
        }
    }

    /**
     * {@code field op value}. The value is a {@link String}, a {@link Number}, or for a time attribute an
     * {@link Instant} (or its ISO text). A param compared with a number compares as a number, and only params
     * whose value is a number can match it.
     */
    record Condition(RunField field, Op op, Object value) implements RunFilter {

        public Condition {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, () -> "no value to compare " + field + " with");
            if (value instanceof String text && field.type() == RunField.Type.TIME && !op.isPattern()) {
                value = Instant.parse(text);
            }
            if (op.isPattern() && !(value instanceof String)) {
                throw new IllegalArgumentException(field + " " + op.symbol() + " needs a text pattern, not " + value);
            }
            if (op.isPattern() && field.type() != RunField.Type.TEXT) {
                throw new IllegalArgumentException(field + " is not text; " + op.symbol() + " does not apply");
            }
            if (!op.isPattern() && field.type() == RunField.Type.NUMBER && !(value instanceof Number)) {
                throw new IllegalArgumentException(field + " is a number; compare it with a number, not '" + value + "'");
            }
            if (field.type() == RunField.Type.TEXT && field.kind() != RunField.Kind.PARAM
                    && !(value instanceof String)) {
                value = value.toString();
            }
        }

        @Override
        public String toString() {
            return field + " " + op.symbol() + " " + (value instanceof String s ? "'" + s + "'" : value);
        }
    }

    /**
     * Runs whose id, name or experiment, or one of whose param or tag keys or values, contains {@code text}
     * (ignoring case; {@code %} and {@code _} are plain characters here): the history's free-text box, and
     * {@code runs list --search}.
     */
    static RunFilter text(String text) {
        return text == null || text.isBlank() ? everything() : new Text(text.strip());
    }

    /** See {@link #text(String)}. */
    record Text(String text) implements RunFilter {
        public Text {
            StoreChecks.requireText(text, "search text");
        }
    }

    record And(List<RunFilter> parts) implements RunFilter {
        public And {
            parts = List.copyOf(parts);
        }
    }

    record Or(List<RunFilter> parts) implements RunFilter {
        public Or {
            parts = List.copyOf(parts);
        }
    }

    record Not(RunFilter part) implements RunFilter {
        public Not {
            Objects.requireNonNull(part, "part");
        }
    }
}
