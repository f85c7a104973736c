package dev.ragworkbench.experiment.form;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A three-document BEIR dataset small enough to write per test. */
final class TinyBeir {

    private TinyBeir() {
    }

    static void write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(dir.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "Cats", "text": "Cats purr."}
                {"_id": "d2", "title": "Dogs", "text": "Dogs bark."}
                {"_id": "d3", "title": "Fish", "text": "Fish swim."}
                """);
        Files.writeString(dir.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "which animal purrs"}
                {"_id": "q2", "text": "which animal barks"}
                {"_id": "q3", "text": "which animal swims"}
                """);
        Files.writeString(dir.resolve("qrels/test.tsv"), """
                query-id\tcorpus-id\tscore
                q1\td1\t1
                q2\td2\t1
                q3\td3\t1
                """);
    }
}
