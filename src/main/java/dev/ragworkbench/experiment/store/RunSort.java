package dev.ragworkbench.experiment.store;

import java.util.Objects;

/**
 * One key of the history's order. Runs without a value (a metric they lack) come last either way. Params sort as
 * numbers where they are numbers, before those that are not, which sort as text.
 */
public record RunSort(RunField field, boolean descending) {

    public RunSort {
        Objects.requireNonNull(field, "field");
    }

    public static RunSort asc(String field) {
        return new RunSort(RunField.parse(field), false);
    }

    public static RunSort desc(String field) {
        return new RunSort(RunField.parse(field), true);
    }

    @Override
    public String toString() {
        return field + (descending ? " DESC" : " ASC");
    }
}
