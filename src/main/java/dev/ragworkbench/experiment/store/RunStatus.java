package dev.ragworkbench.experiment.store;

import java.util.Locale;

/** Where a run is in its life. Stored, printed and parsed in lower case: {@code running}, {@code finished}, ... */
public enum RunStatus {
    RUNNING, FINISHED, FAILED, CANCELLED;

    /** The lower-case name used in the database, the CLI and reports. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()} (case-insensitively); throws {@link IllegalArgumentException} listing the known ones. */
    public static RunStatus fromId(String text) {
        for (RunStatus s : values()) {
            if (s.id().equalsIgnoreCase(text.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown run status '" + text + "'; known: running, finished, failed, cancelled");
    }

    public boolean ended() {
        return this != RUNNING;
    }

    @Override
    public String toString() {
        return id();
    }
}
