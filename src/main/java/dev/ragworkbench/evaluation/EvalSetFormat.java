package dev.ragworkbench.evaluation;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where an eval set came from: one of the four file formats the workbench reads, or {@link #JUDGED} for a set made
 * (or graded) in the workbench itself. The id is what specs, the command line and the database write.
 */
public enum EvalSetFormat {
    SQUAD("squad"), BEIR("beir"), TREC("trec"), RAGAS("ragas"), JUDGED("judged");

    private final String id;

    EvalSetFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The format written {@code id} (any case). */
    public static EvalSetFormat fromId(String id) {
        String key = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        for (EvalSetFormat f : values()) {
            if (f.id.equals(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown eval set format '" + id + "'; expected one of " + validIds());
    }

    /** The ids, comma separated, for messages. */
    public static String validIds() {
        return Arrays.stream(values()).map(EvalSetFormat::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
