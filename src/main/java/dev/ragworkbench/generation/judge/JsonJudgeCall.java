package dev.ragworkbench.generation.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.generation.ChatClient;
import dev.ragworkbench.generation.ChatFailure;
import dev.ragworkbench.generation.ChatMessage;
import dev.ragworkbench.generation.ChatReply;
import dev.ragworkbench.generation.ChatRequest;
import dev.ragworkbench.progress.Cancellation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One question to an LLM judge whose answer must be JSON: asked, parsed strictly, and, when the reply cannot be
 * read, asked once more with the reason shown to the judge. Every judge metric and the pairwise judge go through
 * here, so "the judge failed" always comes with a reason and the judge's own words, never as a NaN.
 *
 * <p>Strict means: the reply is one JSON object and nothing else (a single Markdown code fence around it is
 * accepted, since most chat models add one however they are asked), and the {@link ReplyReader} finds every
 * field it needs with the right type. Prose around the object, half an object, or a missing field is a failed
 * reply; it is not searched for something that looks like JSON, because a judge that cannot follow the format
 * is a judge whose verdicts the user should see counted as failures.
 */
public final class JsonJudgeCall {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Reads the judge's JSON into a value, or says exactly what is missing or wrong. */
    @FunctionalInterface
    public interface ReplyReader<T> {
        T read(JsonNode reply) throws InvalidReply;
    }

    /** A reply that is JSON but not the JSON asked for; its message is shown to the judge on the retry. */
    public static final class InvalidReply extends Exception {
        public InvalidReply(String reason) {
            super(reason);
        }
    }

    /** Why a judgment failed: the judge's replies could not be read, or the call itself failed. */
    public enum FailureKind { UNPARSEABLE, CALL_FAILED }

    /** What came of one question: a value, or a failure with its reason; either way the replies, for tokens and reading. */
    public sealed interface Outcome<T> permits Judged, Failed {
        List<ChatReply> replies();

        default int inputTokens() {
            return replies().stream().mapToInt(r -> Math.max(0, r.inputTokens())).sum();
        }

        default int outputTokens() {
            return replies().stream().mapToInt(r -> Math.max(0, r.outputTokens())).sum();
        }
    }

    public record Judged<T>(T value, List<ChatReply> replies) implements Outcome<T> {
        public Judged {
            Objects.requireNonNull(value, "value");
            replies = List.copyOf(replies);
        }
    }

    /**
     * @param reason      a sentence for the user: the parse error of the last reply, or the call's failure
     * @param callFailure the call's failure kind when {@code kind} is CALL_FAILED, else null
     */
    public record Failed<T>(FailureKind kind, String reason, ChatFailure.Kind callFailure, List<ChatReply> replies)
            implements Outcome<T> {
        public Failed {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
            replies = List.copyOf(replies);
        }

        public boolean cancelled() {
            return callFailure == ChatFailure.Kind.CANCELLED;
        }

        /** The judge's replies as text, in order (the first, then the retry's), for the user to read. */
        public List<String> replyTexts() {
            return replies.stream().map(ChatReply::text).toList();
        }
    }

    private JsonJudgeCall() {
    }

    /**
     * Asks {@code judge} {@code prompt} (as the user's message) and reads its reply with {@code reader}.
     *
     * @param itemId the item the judgment is about, with the metric, e.g. {@code q12/faithfulness}: part of the
     *               call cache's key, and what a predictions file would be keyed by
     */
    public static <T> Outcome<T> ask(ChatClient judge, String itemId, String prompt, ReplyReader<T> reader,
                                     Cancellation cancel) {
        var messages = new ArrayList<ChatMessage>();
        messages.add(ChatMessage.user(prompt));
        var replies = new ArrayList<ChatReply>();
        String reason = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            ChatReply reply;
            try {
                reply = judge.chat(new ChatRequest(itemId, messages), cancel);
            } catch (ChatFailure f) {
                return new Failed<>(FailureKind.CALL_FAILED, f.getMessage(), f.kind(), replies);
            }
            replies.add(reply);
            try {
                return new Judged<>(reader.read(parse(reply.text())), replies);
            } catch (InvalidReply e) {
                reason = e.getMessage();
            }
            messages.add(new ChatMessage(ChatMessage.Role.ASSISTANT, reply.text()));
            messages.add(ChatMessage.user("Your reply could not be read: " + reason
                                          + ". Reply again with only the JSON object asked for, and nothing else."));
        }
        return new Failed<>(FailureKind.UNPARSEABLE, reason, null, replies);
    }

    /**
     * The reply as one JSON object: surrounding white space and one Markdown code fence are dropped, anything
     * else around the object is an error.
     */
    public static JsonNode parse(String reply) throws InvalidReply {
        String text = unfenced(reply.strip());
        if (text.isEmpty()) {
            throw new InvalidReply("the reply is empty, where a JSON object was asked for");
        }
        if (text.charAt(0) != '{') {
            throw new InvalidReply("the reply is not a JSON object: it starts with \"" + excerpt(text) + "\"");
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new InvalidReply("the reply is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidReply("the reply is not valid JSON" + where + ": " + firstLine(e.getOriginalMessage()));
        }
    }

    private static String unfenced(String text) {
        if (!text.startsWith("```")) {
            return text;
        }
        int firstLineEnd = text.indexOf('\n');
        int close = text.lastIndexOf("```");
        if (firstLineEnd < 0 || close <= firstLineEnd) {
            return text; // an opening fence with no closing one: left as it is, and refused as not an object
        }
        if (!text.substring(close + 3).isBlank()) {
            return text;
        }
        return text.substring(firstLineEnd + 1, close).strip();
    }

    private static String excerpt(String text) {
        String line = firstLine(text);
        return line.length() <= 40 ? line : line.substring(0, 40) + "…";
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    // ----- small readers for the fields judges reply with -----

    /** The text field {@code name}, present and a string. */
    public static String text(JsonNode reply, String name) throws InvalidReply {
        JsonNode v = field(reply, name);
        if (!v.isTextual()) {
            throw new InvalidReply("\"" + name + "\" must be a string, not " + v.getNodeType().name().toLowerCase());
        }
        return v.asText();
    }

    /** The integer field {@code name}, present and one of {@code allowed} when any are given. */
    public static int integer(JsonNode reply, String name, int... allowed) throws InvalidReply {
        JsonNode v = field(reply, name);
        if (!v.isIntegralNumber()) {
            throw new InvalidReply("\"" + name + "\" must be an integer, not " + v.getNodeType().name().toLowerCase());
        }
        int value = v.asInt();
        if (allowed.length > 0 && java.util.Arrays.stream(allowed).noneMatch(a -> a == value)) {
            throw new InvalidReply("\"" + name + "\" must be one of " + java.util.Arrays.toString(allowed)
                                   + ", not " + value);
        }
        return value;
    }

    /** The array field {@code name}, present and an array (possibly empty). */
    public static List<JsonNode> array(JsonNode reply, String name) throws InvalidReply {
        JsonNode v = field(reply, name);
        if (!v.isArray()) {
            throw new InvalidReply("\"" + name + "\" must be an array, not " + v.getNodeType().name().toLowerCase());
        }
        var items = new ArrayList<JsonNode>();
        v.forEach(items::add);
        return items;
    }

    private static JsonNode field(JsonNode reply, String name) throws InvalidReply {
        JsonNode v = reply.get(name);
        if (v == null || v.isNull()) {
            throw new InvalidReply("the field \"" + name + "\" is missing");
        }
        return v;
    }
}
