package dev.ragworkbench.embedding;

import java.nio.FloatBuffer;

/** How a BERT-style model's per-token outputs become one text vector; it must match how the model was trained. */
public enum Pooling {
    /** Average of the token vectors under the attention mask (sentence-transformers models such as MiniLM). */
    MEAN {
        @Override
        void poolRow(FloatBuffer values, long[] mask, int row, int length, int hidden, float[] into) {
            int base = row * length * hidden;
            int count = 0;
            for (int t = 0; t < length; t++) {
                if (mask[row * length + t] == 0) {
                    continue;
                }
                count++;
                int offset = base + t * hidden;
                for (int h = 0; h < hidden; h++) {
                    into[h] += values.get(offset + h);
                }
            }
            for (int h = 0; h < hidden; h++) {
                into[h] /= count;
            }
        }
    },
    /** The [CLS] token's vector (BGE). */
    CLS {
        @Override
        void poolRow(FloatBuffer values, long[] mask, int row, int length, int hidden, float[] into) {
            values.get(row * length * hidden, into); // position 0 is [CLS]
        }
    };

    /** Pools one text's token vectors (row {@code row} of a [batch, length, hidden] output) into {@code into}. */
    abstract void poolRow(FloatBuffer values, long[] mask, int row, int length, int hidden, float[] into);

    /** Pools [batch, length, hidden] token vectors; padding positions (mask 0) never count. */
    float[][] pool(FloatBuffer values, long[] mask, int size, int length, int hidden) {
        float[][] vectors = new float[size][hidden];
        for (int i = 0; i < size; i++) {
            poolRow(values, mask, i, length, hidden, vectors[i]);
        }
        return vectors;
    }

    /** Some exports output the sentence vector directly ([batch, hidden]); it only needs normalising. */
    static float[][] alreadyPooled(FloatBuffer values, int size, int hidden) {
        float[][] vectors = new float[size][hidden];
        for (int i = 0; i < size; i++) {
            values.get(i * hidden, vectors[i]);
        }
        return vectors;
    }

    /** Scales {@code v} to unit length in place (a zero vector stays zero). */
    static void normalise(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        double norm = Math.sqrt(sum);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] / norm);
            }
        }
    }
}
