package dev.ragworkbench.generation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prompt: text with placeholders such as {@code {instruction}} and {@code {input}}, filled per item. Only
 * {@code {name}} with a plain lower-case name is a placeholder, so JSON in a prompt ({@code {"party": …}}) stays
 * as written; {@code {{} and {@code }}} write literal braces. Which names are allowed depends on what the items
 * provide (a test set gives {@code instruction} and {@code input}; an eval set's query gives {@code question} and
 * {@code context}, its retrieved chunks), so the caller passes them in. The rendered text is stripped, so an empty {@code {input}} at
 * the end leaves no trailing blank lines.
 */
public record PromptTemplate(String text, Set<String> placeholders) {

    /** Placeholders a test set's items fill. */
    public static final Set<String> TEST_SET_PLACEHOLDERS = Set.of("instruction", "input");

    /** The prompt when a spec gives none: the instruction, then the input when there is one. */
    public static final String DEFAULT_TEXT = "{instruction}\n\n{input}";

    /** Placeholders an eval set's queries fill in a RAG set-up: the question and the retrieved chunks. */
    public static final Set<String> RAG_PLACEHOLDERS = Set.of("question", "context");

    /** The RAG prompt when a spec gives none: answer from the numbered chunks, briefly. */
    public static final String DEFAULT_RAG_TEXT = """
            Answer the question from the context below. Give only the answer, as short as it can be; if the \
            context does not contain it, say that you do not know.

            Context:
            {context}

            Question: {question}
            Answer:""";

    private static final Pattern TOKEN = Pattern.compile("\\{\\{|}}|\\{([a-z_][a-z0-9_]*)}");

    public PromptTemplate {
        Objects.requireNonNull(text, "text");
        placeholders = Set.copyOf(placeholders);
    }

    /**
     * Reads {@code text}, checking its placeholders against {@code allowed}.
     *
     * @throws IllegalArgumentException naming an unknown placeholder and the allowed ones
     */
    public static PromptTemplate parse(String text, Set<String> allowed) {
        var used = new LinkedHashSet<String>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            if (name != null) {
                if (!allowed.contains(name)) {
                    throw new IllegalArgumentException("unknown placeholder {" + name + "} in the prompt; known: "
                            + String.join(", ", allowed.stream().sorted().map(a -> "{" + a + "}").toList())
                            + " (write {{ and }} for literal braces)");
                }
                used.add(name);
            }
        }
        if (used.isEmpty()) {
            throw new IllegalArgumentException("the prompt has no placeholder, so every item would get the same"
                    + " text; use " + String.join(" and ", allowed.stream().sorted().map(a -> "{" + a + "}").toList()));
        }
        return new PromptTemplate(text, used);
    }

    public static PromptTemplate defaultForTestSets() {
        return parse(DEFAULT_TEXT, TEST_SET_PLACEHOLDERS);
    }

    public static PromptTemplate defaultForRag() {
        return parse(DEFAULT_RAG_TEXT, RAG_PLACEHOLDERS);
    }

    /** The prompt for one item; a placeholder without a value is left empty. */
    public String render(Map<String, String> values) {
        var out = new StringBuilder(text.length() + 256);
        Matcher m = TOKEN.matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start());
            String token = m.group();
            if (token.equals("{{")) {
                out.append('{');
            } else if (token.equals("}}")) {
                out.append('}');
            } else {
                out.append(values.getOrDefault(m.group(1), ""));
            }
            last = m.end();
        }
        out.append(text, last, text.length());
        return out.toString().strip();
    }

    /** The hash of the exact text, the param {@code prompt.sha256} of every run that used it. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** The messages of one call: {@code history} (a chat item's earlier turns), then the rendered prompt. */
    public List<ChatMessage> messages(List<ChatMessage> history, Map<String, String> values) {
        var messages = new ArrayList<>(history);
        messages.add(ChatMessage.user(render(values)));
        return messages;
    }
}
