package dev.ragworkbench.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A batch of encodings as the BERT-style inputs an ONNX model takes, padded to the longest: {@code input_ids},
 * {@code attention_mask} and, where the model has it, {@code token_type_ids}. Shared by the embedding model and
 * the cross-encoder; close it (the tensors are native memory) once the session has run.
 */
final class PaddedBatch implements AutoCloseable {

    final int size;
    final int length;
    /** The attention mask, row-major {@code size × length}: what mean pooling weighs by. */
    final long[] mask;
    final Map<String, OnnxTensor> inputs = new HashMap<>();

    PaddedBatch(OrtEnvironment env, Encoding[] batch, boolean tokenTypes) throws OrtException {
        size = batch.length;
        int longest = 0;
        for (Encoding e : batch) {
            longest = Math.max(longest, e.getIds().length);
        }
        length = longest;
        long[] ids = new long[size * length];
        mask = new long[size * length];
        long[] types = tokenTypes ? new long[size * length] : null;
        for (int i = 0; i < size; i++) {
            long[] tokenIds = batch[i].getIds();
            System.arraycopy(tokenIds, 0, ids, i * length, tokenIds.length);
            Arrays.fill(mask, i * length, i * length + tokenIds.length, 1L);
            if (types != null) {
                long[] typeIds = batch[i].getTypeIds();
                System.arraycopy(typeIds, 0, types, i * length, typeIds.length);
            }
        }
        long[] shape = {size, length};
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (types != null) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
            }
        } catch (OrtException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        inputs.values().forEach(OnnxTensor::close);
    }
}
