package dev.ragworkbench.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A six-item clause-extraction test set with two predictions files, worked by hand (exact match after SQuAD's
 * normalisation):
 * <pre>
 * item  expected        base                        tuned
 * c1    Acme Ltd        Acme Ltd       EM 1         acme ltd.     EM 1
 * c2    Beta GmbH       the Beta GmbH  EM 1         Beta AG       EM 0
 * c3    30 days         thirty days    EM 0 F1 1/2  30 days       EM 1
 * c4    New York law    English law    EM 0 F1 2/5  New York law  EM 1
 * c5    2024-01-01      none given     EM 0 F1 0    2024-01-01    EM 1
 * c6    Gamma SA        (no prediction: failed)     Gamma SA      EM 1
 * </pre>
 */
final class ModelRunFixture {

    private ModelRunFixture() {
    }

    static Path testSet(Path dir) throws IOException {
        return Files.writeString(dir.resolve("clauses.jsonl"), """
                {"id": "c1", "instruction": "Name the seller.", "input": "Acme Ltd sells to Beta GmbH.", "output": "Acme Ltd"}
                {"id": "c2", "instruction": "Name the buyer.", "input": "Acme Ltd sells to Beta GmbH.", "output": "Beta GmbH"}
                {"id": "c3", "instruction": "Notice period?", "input": "Either party may end it on 30 days notice.", "output": "30 days"}
                {"id": "c4", "instruction": "Governing law?", "input": "Governed by New York law.", "output": "New York law"}
                {"id": "c5", "instruction": "Start date?", "input": "Starting 2024-01-01.", "output": "2024-01-01"}
                {"id": "c6", "instruction": "Name the guarantor.", "input": "Gamma SA guarantees.", "output": "Gamma SA"}
                """);
    }

    static Path base(Path dir) throws IOException {
        return Files.writeString(dir.resolve("base.jsonl"), """
                {"id": "c1", "output": "Acme Ltd"}
                {"id": "c2", "output": "the Beta GmbH"}
                {"id": "c3", "output": "thirty days"}
                {"id": "c4", "output": "English law"}
                {"id": "c5", "output": "none given"}
                """);
    }

    static Path tuned(Path dir) throws IOException {
        return Files.writeString(dir.resolve("tuned.jsonl"), """
                {"id": "c1", "output": "acme ltd."}
                {"id": "c2", "output": "Beta AG"}
                {"id": "c3", "output": "30 days"}
                {"id": "c4", "output": "New York law"}
                {"id": "c5", "output": "2024-01-01"}
                {"id": "c6", "output": "Gamma SA"}
                """);
    }

    /** A spec over the fixture with both models inline. */
    static Path spec(Path dir, String metrics) throws IOException {
        testSet(dir);
        base(dir);
        tuned(dir);
        return Files.writeString(dir.resolve("models.yaml"), """
                name: base-vs-tuned
                testSet: { path: clauses.jsonl }
                models:
                  - { name: base, provider: predictions, file: base.jsonl }
                  - { name: tuned, provider: predictions, file: tuned.jsonl }
                prompt:
                  template: |
                    {instruction}

                    Contract: {input}
                metrics: [ %s ]
                tags: { task: clauses }
                """.formatted(metrics));
    }
}
