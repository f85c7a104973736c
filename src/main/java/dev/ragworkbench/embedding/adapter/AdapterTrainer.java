package dev.ragworkbench.embedding.adapter;

import dev.ragworkbench.progress.Cancellation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Trains a {@link LinearAdapter}, initialised to the identity, with the multiple-negatives ranking loss: for each
 * query of a batch, a softmax over its similarity (times {@code scale}) to every positive of the batch (and every
 * hard negative), whose target is its own positive. Adam on the weights; early stopping on the validation
 * nDCG@10, keeping the best epoch's adapter.
 *
 * <p>Single-threaded scalar arithmetic in a fixed order, with the pairs shuffled by {@code Random(seed)}: the
 * same data and options give the same adapter bit for bit.
 */
public final class AdapterTrainer {

    /** What training produced: the best adapter and where the curve stood. */
    public record Result(LinearAdapter adapter, double baseValidation, double bestValidation, int bestEpoch,
                         int epochsRun, long steps) {
    }

    private final TrainingOptions options;

    public AdapterTrainer(TrainingOptions options) {
        this.options = options;
    }

    /**
     * @param validation nDCG@10 of the validation queries searched with an adapter
     */
    public Result train(List<TrainingPair> pairs, ToDoubleFunction<LinearAdapter> validation,
                        TrainingListener listener, Cancellation cancel) {
        if (pairs.size() < 2) {
            throw new IllegalArgumentException("training needs at least 2 (query, relevant chunk) pairs, not "
                    + pairs.size());
        }
        int d = pairs.getFirst().query().length;
        var w = new double[d * d];
        for (int i = 0; i < d; i++) {
            w[i * d + i] = 1;
        }
        var adam = new Adam(w.length, options.learningRate());
        LinearAdapter best = LinearAdapter.identity(d);
        double base = validation.applyAsDouble(best);
        listener.epoch(0, base, true);
        double bestScore = base;
        int bestEpoch = 0;
        int sinceBest = 0;
        long step = 0;
        int epoch = 0;
        var order = new ArrayList<>(pairs);
        var random = new Random(options.seed());
        var grad = new double[w.length];
        while (epoch < options.epochs() && sinceBest < options.patience()) {
            epoch++;
            Collections.shuffle(order, random);
            for (int start = 0; start + 1 < order.size(); start += options.batchSize()) {
                cancel.check();
                var batch = order.subList(start, Math.min(order.size(), start + options.batchSize()));
                double loss = lossAndGradient(w, d, batch, grad);
                adam.step(w, grad);
                listener.step(++step, epoch, loss);
            }
            LinearAdapter current = toAdapter(w, d);
            double score = validation.applyAsDouble(current);
            boolean improved = score > bestScore;
            if (improved) {
                bestScore = score;
                bestEpoch = epoch;
                best = current;
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            listener.epoch(epoch, score, improved);
        }
        return new Result(best, base, bestScore, bestEpoch, epoch, step);
    }

    /** The batch's mean loss; fills {@code grad} with its gradient with respect to the weights. */
    private double lossAndGradient(double[] w, int d, List<TrainingPair> batch, double[] grad) {
        java.util.Arrays.fill(grad, 0);
        var candidates = new ArrayList<float[]>();
        var candidateDocs = new ArrayList<String>();
        for (TrainingPair p : batch) {
            candidates.add(p.positive());
            candidateDocs.add(p.positiveDocument());
        }
        for (TrainingPair p : batch) {
            if (p.hardNegative() != null) {
                candidates.add(p.hardNegative());
                candidateDocs.add(null);
            }
        }
        int b = batch.size();
        double scale = options.scale();
        double total = 0;
        var u = new double[d];
        var a = new double[d];
        var g = new double[d];
        var logits = new double[candidates.size()];
        for (int i = 0; i < b; i++) {
            TrainingPair pair = batch.get(i);
            float[] q = pair.query();
            // u = W q, a = u / |u|
            double norm = 0;
            for (int r = 0; r < d; r++) {
                double sum = 0;
                int row = r * d;
                for (int c = 0; c < d; c++) {
                    sum += w[row + c] * q[c];
                }
                u[r] = sum;
                norm += sum * sum;
            }
            norm = Math.sqrt(norm);
            for (int r = 0; r < d; r++) {
                a[r] = u[r] / norm;
            }
            // Softmax over the candidates, leaving out other pairs' positives from this query's own document.
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < logits.length; j++) {
                boolean falseNegative = j != i && pair.positiveDocument().equals(candidateDocs.get(j));
                logits[j] = falseNegative ? Double.NEGATIVE_INFINITY : scale * Vectors.dot(a, candidates.get(j));
                max = Math.max(max, logits[j]);
            }
            double z = 0;
            for (int j = 0; j < logits.length; j++) {
                logits[j] = Math.exp(logits[j] - max);
                z += logits[j];
            }
            total += -Math.log(logits[i] / z);
            // dL/da = scale/B Σ_j (p_j - [j = i]) c_j
            java.util.Arrays.fill(g, 0);
            for (int j = 0; j < logits.length; j++) {
                double coef = logits[j] / z - (j == i ? 1 : 0);
                if (coef == 0) {
                    continue;
                }
                float[] c = candidates.get(j);
                for (int r = 0; r < d; r++) {
                    g[r] += coef * c[r];
                }
            }
            double ga = 0;
            for (int r = 0; r < d; r++) {
                g[r] *= scale / b;
                ga += g[r] * a[r];
            }
            // Through the normalisation: dL/du = (g - (g·a) a) / |u|; dL/dW += dL/du ⊗ q.
            for (int r = 0; r < d; r++) {
                double du = (g[r] - ga * a[r]) / norm;
                int row = r * d;
                for (int c = 0; c < d; c++) {
                    grad[row + c] += du * q[c];
                }
            }
        }
        return total / b;
    }

    private static LinearAdapter toAdapter(double[] w, int d) {
        var f = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            f[i] = (float) w[i];
        }
        return new LinearAdapter(d, f);
    }

    /** Adam (Kingma and Ba), with its usual betas; bias-corrected. */
    private static final class Adam {
        private static final double BETA1 = 0.9;
        private static final double BETA2 = 0.999;
        private static final double EPSILON = 1e-8;
        private final double[] m;
        private final double[] v;
        private final double lr;
        private long t;

        Adam(int size, double lr) {
            this.m = new double[size];
            this.v = new double[size];
            this.lr = lr;
        }

        void step(double[] w, double[] grad) {
            t++;
            double c1 = 1 - Math.pow(BETA1, t);
            double c2 = 1 - Math.pow(BETA2, t);
            for (int i = 0; i < w.length; i++) {
                m[i] = BETA1 * m[i] + (1 - BETA1) * grad[i];
                v[i] = BETA2 * v[i] + (1 - BETA2) * grad[i] * grad[i];
                w[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON);
            }
        }
    }
}
