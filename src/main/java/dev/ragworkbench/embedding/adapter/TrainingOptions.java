package dev.ragworkbench.embedding.adapter;

import java.util.Locale;

/**
 * How an adapter is trained. Defaults suit a few hundred to a few thousand (query, relevant chunk) pairs.
 *
 * @param epochs          passes over the training pairs at most (early stopping may end sooner)
 * @param learningRate    Adam's step size
 * @param batchSize       pairs per step; each pair's positive is every other pair's in-batch negative
 * @param scale           the multiple-negatives ranking loss's similarity scale (a softmax temperature of 1/scale)
 * @param negatives       in-batch only, or in-batch plus one BM25-mined hard negative per pair
 * @param seed            shuffles the pairs and splits train from validation: same seed, same adapter
 * @param validationShare share of the eval set's queries held out for early stopping
 * @param patience        epochs without a better validation nDCG@10 before training stops
 */
public record TrainingOptions(int epochs, double learningRate, int batchSize, double scale, Negatives negatives,
                              long seed, double validationShare, int patience) {

    public enum Negatives {
        IN_BATCH("in-batch"), BM25("bm25");

        private final String id;

        Negatives(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Negatives fromId(String id) {
            for (Negatives n : values()) {
                if (n.id.equals(id.toLowerCase(Locale.ROOT))) {
                    return n;
                }
            }
            throw new IllegalArgumentException("negatives must be in-batch or bm25, not '" + id + "'");
        }
    }

    public static final TrainingOptions DEFAULTS =
            new TrainingOptions(20, 2e-3, 32, 20, Negatives.IN_BATCH, 42, 0.1, 3);

    public TrainingOptions {
        require(epochs >= 1 && epochs <= 1000, "epochs must be between 1 and 1000");
        require(learningRate > 0 && learningRate <= 1, "the learning rate must be above 0 and at most 1");
        require(batchSize >= 2 && batchSize <= 4096, "the batch size must be between 2 and 4096");
        require(scale > 0 && scale <= 1000, "the scale must be above 0 and at most 1000");
        require(negatives != null, "negatives must be in-batch or bm25");
        require(validationShare > 0 && validationShare < 1, "the validation share must be between 0 and 1");
        require(patience >= 1, "patience must be at least 1 epoch");
    }

    public TrainingOptions withEpochs(int n) {
        return new TrainingOptions(n, learningRate, batchSize, scale, negatives, seed, validationShare, patience);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
