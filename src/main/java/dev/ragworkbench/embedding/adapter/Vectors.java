package dev.ragworkbench.embedding.adapter;

/**
 * Scalar vector arithmetic with a fixed order of summation. Deliberately not Lucene's VectorUtil or the vector
 * module: training must give the same adapter bit for bit in the command line (vector module on) and the window
 * (off).
 */
final class Vectors {
    private Vectors() {
    }

    static float dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return (float) sum;
    }

    static double dot(double[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** {@code W · v} for a row-major square {@code W} of dimension {@code d}. */
    static float[] multiply(float[] w, int d, float[] v) {
        var out = new float[d];
        for (int r = 0; r < d; r++) {
            double sum = 0;
            int row = r * d;
            for (int c = 0; c < d; c++) {
                sum += (double) w[row + c] * v[c];
            }
            out[r] = (float) sum;
        }
        return out;
    }

    static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        norm = Math.sqrt(norm);
        var out = new float[v.length];
        if (norm == 0) {
            return out;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }
}
