package dev.ragworkbench.embedding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Test helpers: cosine of two vectors, and SciFact documents as {@code title + " " + text}. */
final class Vectors {

    private Vectors() {
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    static List<String> scifact(int count) {
        Path corpus = Path.of(System.getProperty("ragworkbench.shared.data"), "scifact", "corpus.jsonl");
        var json = new ObjectMapper();
        try (Stream<String> lines = Files.lines(corpus)) {
            return lines.limit(count).map(line -> {
                try {
                    JsonNode doc = json.readTree(line);
                    return doc.path("title").asText() + " " + doc.path("text").asText();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
