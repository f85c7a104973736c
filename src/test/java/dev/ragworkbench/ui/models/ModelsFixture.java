package dev.ragworkbench.ui.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Four items, a base and a tuned predictions file: exact match base 1 0 0 – (q4 missing), tuned 1 1 1 0, so
 * q2 and q3 flip wrong → right and q4 failed for the base.
 */
final class ModelsFixture {

    private ModelsFixture() {
    }

    static Path testSet(Path dir) throws IOException {
        return Files.writeString(dir.resolve("contracts.jsonl"), """
                {"id": "q1", "instruction": "Who sells?", "input": "Acme Ltd sells machine parts to Beta GmbH under this agreement.", "output": "Acme Ltd"}
                {"id": "q2", "instruction": "Notice period?", "input": "Either party may end the agreement on 30 days written notice.", "output": "30 days written notice"}
                {"id": "q3", "instruction": "Governing law?", "input": "This agreement is governed by the laws of the State of New York.", "output": "the laws of the State of New York"}
                {"id": "q4", "instruction": "Who guarantees?", "input": "Gamma SA guarantees the buyer's obligations.", "output": "Gamma SA"}
                """);
    }

    static Path base(Path dir) throws IOException {
        return Files.writeString(dir.resolve("mistral-7b-base.jsonl"), """
                {"id": "q1", "output": "Acme Ltd"}
                {"id": "q2", "output": "The notice period is thirty days."}
                {"id": "q3", "output": "New York law applies to the agreement"}
                """);
    }

    static Path tuned(Path dir) throws IOException {
        return Files.writeString(dir.resolve("mistral-7b-qlora.jsonl"), """
                {"id": "q1", "output": "Acme Ltd."}
                {"id": "q2", "output": "30 days written notice"}
                {"id": "q3", "output": "The laws of the State of New York"}
                {"id": "q4", "output": "Beta GmbH"}
                """);
    }
}
