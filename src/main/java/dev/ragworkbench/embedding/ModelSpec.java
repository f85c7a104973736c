package dev.ragworkbench.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Everything needed to run one ONNX text-embedding model.
 *
 * @param name        the embedder name (filename-safe: it ends up in index folder names and cache keys)
 * @param model       the {@code .onnx} file
 * @param tokenizer   the model's {@code tokenizer.json}
 * @param maxTokens   the model's real input limit, [CLS] and [SEP] included
 * @param pooling     how token vectors become the text vector
 * @param queryPrefix instruction put before queries only (BGE); empty when the model has none
 */
public record ModelSpec(String name, Source model, Source tokenizer, int maxTokens, Pooling pooling,
                        String queryPrefix) {

    public ModelSpec {
        Objects.requireNonNull(name);
        Objects.requireNonNull(model);
        Objects.requireNonNull(tokenizer);
        Objects.requireNonNull(pooling);
        Objects.requireNonNull(queryPrefix);
        if (maxTokens < 3) {
            throw new IllegalArgumentException("maxTokens must leave room for [CLS] text [SEP]: " + maxTokens);
        }
    }

    public ModelSpec withPooling(Pooling newPooling) {
        return new ModelSpec(name, model, tokenizer, maxTokens, newPooling, queryPrefix);
    }

    public ModelSpec withMaxTokens(int newMaxTokens) {
        return new ModelSpec(name, model, tokenizer, newMaxTokens, pooling, queryPrefix);
    }

    /**
     * A short hash of everything that shapes the vectors besides the name: limit, pooling, query prefix, and for
     * files their size and modification time (hashing a 1 GB model would cost seconds at every start).
     */
    public String fingerprint() {
        var text = new StringBuilder().append(maxTokens).append('|').append(pooling).append('|').append(queryPrefix);
        for (Source source : List.of(model, tokenizer)) {
            text.append('|').append(source);
            if (source instanceof File(Path path)) {
                try {
                    text.append('|').append(Files.size(path)).append('|').append(Files.getLastModifiedTime(path));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
                }
            }
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Where a model file comes from: a class-path resource (the bundled models) or a file (the user's own). */
    public sealed interface Source {

        InputStream open() throws IOException;

        static Source resource(String path) {
            return new Resource(path);
        }

        static Source file(Path path) {
            return new File(path);
        }
    }

    public record Resource(String path) implements Source {
        @Override
        public InputStream open() throws IOException {
            InputStream in = ModelSpec.class.getResourceAsStream(path);
            if (in == null) {
                throw new IOException("class-path resource not found: " + path);
            }
            return in;
        }

        /**
         * The whole resource. Sized up front from the jar entry, so a 90 MB model is inflated straight into its
         * final array instead of through {@code readAllBytes}' growing copies.
         */
        public byte[] readAll() throws IOException {
            URL url = ModelSpec.class.getResource(path);
            if (url == null) {
                throw new IOException("class-path resource not found: " + path);
            }
            URLConnection connection = url.openConnection();
            long size = connection.getContentLengthLong();
            try (InputStream in = connection.getInputStream()) {
                if (size < 0 || size > Integer.MAX_VALUE - 8) {
                    return in.readAllBytes();
                }
                byte[] bytes = new byte[(int) size];
                int read = in.readNBytes(bytes, 0, bytes.length);
                if (read != size || in.read() != -1) {
                    throw new IOException("resource " + path + " changed size while reading");
                }
                return bytes;
            }
        }

        @Override
        public String toString() {
            return "classpath:" + path;
        }
    }

    public record File(Path path) implements Source {
        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(path);
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }
}
