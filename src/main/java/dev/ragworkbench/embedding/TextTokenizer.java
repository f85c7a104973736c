package dev.ragworkbench.embedding;

import java.util.List;

/**
 * An embedder's own tokenizer, used to measure text in the units the model sees. Counts never include the
 * special tokens ([CLS], [SEP]) that the model adds.
 */
public interface TextTokenizer {

    /** Tokens of {@code text}, in order, with their character spans in {@code text}. */
    List<TokenSpan> tokenize(String text);

    default int count(String text) {
        return tokenize(text).size();
    }

    /** A token and the characters of the input it came from: {@code [start, end)}. */
    record TokenSpan(String token, int start, int end) {
    }
}
