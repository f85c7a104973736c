package dev.ragworkbench.evaluation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A test set: items (instruction, input, expected output; or chat messages) on which models are compared, read
 * by {@link TestSetReader}. Ids are unique; items keep file order.
 *
 * @param name   a label for runs and panes, by default the file's name without {@code .jsonl}
 * @param source the file it was read from (absolute)
 * @param format the item format of the file
 */
public record TestSet(String name, Path source, TestSetFormat format, List<TestItem> items) {

    /** Alpaca ({@code instruction}, {@code input}, {@code output}) or chat ({@code messages}). */
    public enum TestSetFormat {
        ALPACA, CHAT;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public TestSet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        items = List.copyOf(items);
        var seen = new java.util.HashSet<String>();
        for (TestItem item : items) {
            if (!seen.add(item.id())) {
                throw new IllegalArgumentException("test set " + name + " has item id '" + item.id() + "' twice");
            }
        }
    }

    public int size() {
        return items.size();
    }

    public Optional<TestItem> item(String id) {
        return items.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /**
     * A reproducible random subset of {@code n} items (all of them when {@code n} is not smaller), kept in file
     * order, named {@code name[n@seed]} so runs of different samples read apart.
     */
    public TestSet sample(int n, long seed) {
        if (n >= items.size()) {
            return this;
        }
        var indexes = new java.util.ArrayList<Integer>();
        for (int i = 0; i < items.size(); i++) {
            indexes.add(i);
        }
        java.util.Collections.shuffle(indexes, new java.util.Random(seed));
        var chosen = new java.util.TreeSet<>(indexes.subList(0, n));
        return new TestSet(name + "[" + n + "@" + seed + "]", source, format,
                chosen.stream().map(items::get).toList());
    }

    /** Items by id, in file order. */
    public Map<String, TestItem> byId() {
        var map = new LinkedHashMap<String, TestItem>();
        items.forEach(i -> map.put(i.id(), i));
        return map;
    }

    /**
     * The hash of the items' content (ids, prompts' parts, expected outputs), independent of the file's name
     * and formatting: two runs with equal hashes were asked the same things.
     */
    public String sha256() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        put(digest, "test-set/1");
        put(digest, Integer.toString(items.size()));
        for (TestItem item : items) {
            put(digest, item.id());
            for (var m : item.history()) {
                put(digest, m.role().name());
                put(digest, m.text());
            }
            put(digest, item.instruction());
            put(digest, item.input());
            put(digest, item.expected());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Length-prefixed, so no two different item lists hash alike by shifting text between fields. */
    private static void put(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }
}
