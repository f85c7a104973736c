package dev.ragworkbench.embedding.adapter;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A square linear map on an embedder's query vectors, its output normalised again (the index compares by dot
 * product, which is the cosine only for unit vectors). Documents are not transformed, so the base index serves
 * the tuned embedder unchanged.
 *
 * <p>Applied with scalar code in a fixed order of summation, so a vector comes out the same bit for bit on every
 * JVM, with or without the vector module.
 */
public final class LinearAdapter {

    private static final int MAGIC = 0x52574144; // "RWAD"
    private static final int VERSION = 1;

    private final int dimension;
    /** Row-major: {@code out[r] = Σ_c weights[r·d + c] · in[c]}. */
    private final float[] weights;

    public LinearAdapter(int dimension, float[] weights) {
        if (dimension < 1 || weights.length != dimension * dimension) {
            throw new IllegalArgumentException("an adapter of dimension " + dimension + " has " + dimension * dimension
                    + " weights, not " + weights.length);
        }
        this.dimension = dimension;
        this.weights = weights.clone();
    }

    public static LinearAdapter identity(int dimension) {
        var w = new float[dimension * dimension];
        for (int i = 0; i < dimension; i++) {
            w[i * dimension + i] = 1f;
        }
        return new LinearAdapter(dimension, w);
    }

    public int dimension() {
        return dimension;
    }

    public float[] weights() {
        return weights.clone();
    }

    /** {@code normalise(W · vector)}. */
    public float[] apply(float[] vector) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("the adapter takes " + dimension + "-dimensional vectors, not "
                    + vector.length);
        }
        return Vectors.normalised(Vectors.multiply(weights, dimension, vector));
    }

    public void write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out);
        }
    }

    public void write(OutputStream stream) throws IOException {
        var out = new DataOutputStream(stream);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(dimension);
        for (float w : weights) {
            out.writeFloat(w);
        }
        out.flush();
    }

    public static LinearAdapter read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    static LinearAdapter read(InputStream stream, String where) throws IOException {
        var in = new DataInputStream(stream);
        if (in.readInt() != MAGIC) {
            throw new IOException(where + " is not an adapter file (its first bytes are not RWAD)");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException(where + " is an adapter file of version " + version + "; this build reads "
                    + VERSION);
        }
        int d = in.readInt();
        if (d < 1 || d > 16_384) {
            throw new IOException(where + ": implausible adapter dimension " + d);
        }
        var w = new float[d * d];
        for (int i = 0; i < w.length; i++) {
            w[i] = in.readFloat();
        }
        return new LinearAdapter(d, w);
    }

    /** SHA-256 of the file form: two adapters are the same bit for bit exactly when their hashes are. */
    public String sha256() {
        try {
            var bytes = new ByteArrayOutputStream();
            write(bytes);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
