package dev.ragworkbench.ui.models.finetune;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.embedding.adapter.AdapterFixture;
import dev.ragworkbench.evaluation.EvalSetReader;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A workspace to fine-tune in: a SciFact slice (100 training queries, 25 test queries, their abstracts and 300
 * others) indexed whole with MiniLM, and the two splits stored as the eval sets {@value #TRAIN} and {@value #TEST},
 * as a BEIR folder's import names them.
 */
final class FineTuneFixture {

    static final String TRAIN = "sci/train";
    static final String TEST = "sci/test";

    private FineTuneFixture() {
    }

    /** Builds the workspace at {@code dir/ws}; the index's name. */
    static String build(Path dir) throws IOException {
        var files = AdapterFixture.write(dir, 100, 25, 300);
        Path queries = AdapterFixture.SCIFACT.resolve("queries.jsonl");
        try (var bench = Workbench.open(dir.resolve("ws"))) {
            String index = AdapterFixture.index(bench, files, "sci");
            bench.evalSets().save(EvalSetReader.beir(TRAIN, queries, files.trainQrels()), "sci", "train",
                    "100 SciFact training queries");
            bench.evalSets().save(EvalSetReader.beir(TEST, queries, files.testQrels()), "sci", "test",
                    "25 SciFact test queries");
            return index;
        }
    }
}
