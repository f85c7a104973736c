package dev.ragworkbench.embedding;

import ai.djl.huggingface.tokenizers.Encoding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How texts are grouped into model calls: at most {@code maxTexts} texts and {@code maxTokens} padded tokens.
 * Texts are sorted by length and cut into batches padded only to their longest member, so short texts do not
 * pay for long ones. Big batches measured slower than one text per call for abstract-length texts on this
 * machine, and faster for short texts; hence the {@link #DEFAULT}: long texts run alone, short ones share a
 * call up to 256 padded tokens.
 */
record Batching(int maxTexts, int maxTokens) {

    static final Batching DEFAULT = new Batching(32, 256);

    /**
     * For dynamically quantized models (int8 MiniLM, int8 BGE): their DynamicQuantizeLinear picks one scale
     * per tensor, i.e. over the whole batch, so a text's vector depended on its batch-mates (cosine to the
     * text embedded alone down to 0.989 for MiniLM-q in batches of 32). One text per call makes vectors
     * independent of batching, hence reproducible and cacheable.
     */
    static final Batching SINGLE = new Batching(1, Integer.MAX_VALUE);

    /**
     * Batches of indexes into {@code encodings}: sorted by token count so each batch pads to a length close to
     * all its members, within these limits.
     */
    List<int[]> plan(Encoding[] encodings) {
        Integer[] order = new Integer[encodings.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(encodings[a].getIds().length, encodings[b].getIds().length));
        var batches = new ArrayList<int[]>();
        var current = new ArrayList<Integer>();
        for (int index : order) {
            int length = encodings[index].getIds().length; // ascending, so the longest in the batch so far
            if (!current.isEmpty()
                    && (current.size() == maxTexts || (long) (current.size() + 1) * length > maxTokens)) {
                batches.add(current.stream().mapToInt(Integer::intValue).toArray());
                current.clear();
            }
            current.add(index);
        }
        batches.add(current.stream().mapToInt(Integer::intValue).toArray());
        return batches;
    }
}
