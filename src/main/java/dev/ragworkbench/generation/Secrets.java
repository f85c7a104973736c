package dev.ragworkbench.generation;

/**
 * Keeps an API key out of every text that leaves a call: failure reasons, replies, logs. A key is replaced
 * wherever it appears, even inside a server's echo of the request.
 */
public final class Secrets {

    private static final String HIDDEN = "***";

    private Secrets() {
    }

    /** {@code text} with every occurrence of {@code key} replaced; unchanged when there is no key. */
    public static String redact(String text, String key) {
        if (text == null || key == null || key.length() < 4) {
            return text;
        }
        return text.replace(key, HIDDEN);
    }

    /** A key as a pane shows it: its last four characters at most, the rest as dots. */
    public static String masked(String key) {
        if (key == null || key.isEmpty()) {
            return "";
        }
        int shown = key.length() >= 16 ? 4 : 0;
        return "•".repeat(Math.min(12, key.length() - shown)) + key.substring(key.length() - shown);
    }
}
