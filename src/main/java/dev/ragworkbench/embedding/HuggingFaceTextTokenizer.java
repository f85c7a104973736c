package dev.ragworkbench.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link TextTokenizer} over a Hugging Face {@code tokenizer.json}, through DJL's bindings. It never truncates
 * and adds no special tokens: it measures whole texts, which is what chunkers need; the model's own input
 * truncation is set up separately by the embedder.
 */
public final class HuggingFaceTextTokenizer implements TextTokenizer, AutoCloseable, NativeCalls.Releasable {

    private final HuggingFaceTokenizer tokenizer;
    /** Chunkers count tokens on task threads while the window may close the workspace that holds this. */
    private final NativeCalls calls = NativeCalls.of("a tokenizer");

    private HuggingFaceTextTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        NativeCalls.opened(this);
    }

    /** Loads {@code tokenizer.json} content; the stream is read fully and not closed. */
    public static HuggingFaceTextTokenizer load(InputStream tokenizerJson) {
        try {
            return new HuggingFaceTextTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
                    "addSpecialTokens", "false",
                    "truncation", "false",
                    "padding", "false")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer: " + e.getMessage(), e);
        }
    }

    /** Loads a tokenizer bundled on the class path, e.g. {@code /all-minilm-l6-v2-tokenizer.json}. */
    public static HuggingFaceTextTokenizer fromResource(String resource) {
        try (InputStream in = HuggingFaceTextTokenizer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("tokenizer resource not found: " + resource);
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<TokenSpan> tokenize(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        Encoding encoding = calls.call(() -> tokenizer.encode(text, false, false));
        String[] tokens = encoding.getTokens();
        CharSpan[] spans = encoding.getCharTokenSpans();
        int[] charIndex = codePointToCharIndex(text);
        var result = new ArrayList<TokenSpan>(tokens.length);
        for (int i = 0; i < tokens.length; i++) {
            CharSpan span = spans[i];
            if (span == null) {
                continue; // a token with no source characters (none expected without special tokens)
            }
            int start = charIndex == null ? span.getStart() : charIndex[span.getStart()];
            int end = charIndex == null ? span.getEnd() : charIndex[span.getEnd()];
            result.add(new TokenSpan(tokens[i], start, end));
        }
        return result;
    }

    /**
     * The tokenizer reports offsets in code points; Java strings index UTF-16 units. They differ only past a
     * surrogate pair (emoji, rare CJK), so the map is built only for such texts; null means identity.
     */
    private static int[] codePointToCharIndex(String text) {
        int codePoints = text.codePointCount(0, text.length());
        if (codePoints == text.length()) {
            return null;
        }
        int[] map = new int[codePoints + 1];
        int cp = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            map[cp++] = i;
        }
        map[codePoints] = text.length();
        return map;
    }

    @Override
    public int count(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        return calls.call(() -> tokenizer.encode(text, false, false).getIds().length);
    }

    /** Waits for the calls running on it (at most {@link NativeCalls#CLOSE_BOUND}), then frees it. */
    @Override
    public void close() {
        NativeCalls.close(calls, this);
    }

    @Override
    public void release() {
        tokenizer.close();
    }

    /** After the sessions, which are what onnxruntime's teardown is about. */
    @Override
    public int order() {
        return 1;
    }
}
