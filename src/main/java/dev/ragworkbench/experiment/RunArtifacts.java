package dev.ragworkbench.experiment;

import dev.ragworkbench.experiment.store.ArtifactRepository;
import dev.ragworkbench.experiment.store.RunStore;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a run's text artifacts to a scratch folder and moves them into the run's artifacts, leaving nothing behind. */
final class RunArtifacts {

    /** Writes one artifact's text. */
    @FunctionalInterface
    interface Content {
        void write(BufferedWriter out) throws IOException;
    }

    /** An artifact to add: its file name, its kind, and what it holds. */
    record Text(String name, String kind, Content content) {

        /** A JSON Lines artifact: one object per record. */
        static <T> Text jsonLines(String name, String kind, List<T> records,
                                  java.util.function.Function<T, com.fasterxml.jackson.databind.JsonNode> toJson) {
            return new Text(name, kind, w -> {
                for (T r : records) {
                    w.write(toJson.apply(r).toString());
                    w.newLine();
                }
            });
        }
    }

    private RunArtifacts() {
    }

    static void save(RunStore store, String runId, List<Text> artifacts) {
        try {
            Path dir = Files.createTempDirectory("run-" + runId);
            try {
                for (Text t : artifacts) {
                    Path file = dir.resolve(t.name());
                    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                        t.content().write(w);
                    }
                    store.addArtifact(runId, t.name(), file, t.kind(), ArtifactRepository.Transfer.MOVE);
                }
            } finally {
                try (var left = Files.list(dir)) {
                    for (Path p : left.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the artifacts of run " + runId + ": " + e.getMessage(), e);
        }
    }
}
