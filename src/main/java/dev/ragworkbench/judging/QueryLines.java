package dev.ragworkbench.judging;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.Set;

/**
 * Queries typed or pasted one per line, as the pane's "add queries" box and {@code evalsets add-queries} read them:
 * a line is a query's text, or {@code id<TAB>text} to give it an id. Blank lines are skipped; a line without an id
 * gets the next free {@code qN}. Queries whose text the set already has are left out, so pasting a list twice adds
 * nothing the second time.
 */
public final class QueryLines {

    private QueryLines() {
    }

    /**
     * The new queries of {@code text}, in order, with ids not in {@code takenIds} and texts not in
     * {@code takenTexts}.
     *
     * @throws IllegalArgumentException when a line gives an id that is taken or given twice
     */
    public static SequencedMap<String, String> parse(String text, Collection<String> takenIds,
                                                     Collection<String> takenTexts) {
        var ids = new HashSet<>(takenIds);
        Set<String> texts = new HashSet<>();
        takenTexts.forEach(t -> texts.add(normal(t)));
        var added = new LinkedHashMap<String, String>();
        var pending = new LinkedHashMap<Integer, String>();
        String[] lines = text.split("\\R");
        // ids given on lines are claimed first, so that a generated qN never takes one a later line names
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int tab = line.indexOf('\t');
            if (line.isEmpty()) {
                continue;
            }
            if (tab > 0) {
                String id = line.substring(0, tab).strip();
                String query = line.substring(tab + 1).strip();
                if (query.isEmpty()) {
                    throw new IllegalArgumentException("line " + (i + 1) + " gives the id " + id + " but no query text");
                }
                if (!ids.add(id)) {
                    throw new IllegalArgumentException("line " + (i + 1) + " gives the id " + id
                            + ", which the eval set or an earlier line already has");
                }
                pending.put(i, id + "\t" + query);
            } else {
                pending.put(i, "\t" + line);
            }
        }
        int next = 1;
        for (String entry : pending.values()) {
            int tab = entry.indexOf('\t');
            String id = entry.substring(0, tab);
            String query = entry.substring(tab + 1);
            if (!texts.add(normal(query))) {
                continue;
            }
            if (id.isEmpty()) {
                while (ids.contains("q" + next)) {
                    next++;
                }
                id = "q" + next;
                ids.add(id);
            }
            added.put(id, query);
        }
        return added;
    }

    static String normal(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
