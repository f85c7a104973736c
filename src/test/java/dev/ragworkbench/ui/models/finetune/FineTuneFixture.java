package dev.ragworkbench.ui.models.finetune;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.embedding.adapter.AdapterFixture;
import dev.ragworkbench.evaluation.EvalSetReader;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A workspace to fine-tune in: a SciFact slice (100 training queries, 25 test queries, their abstracts and 300
 * others) indexed whole with MiniLM, and the two splits stored as the eval sets {@value #TRAIN} and {@value #TEST},
 * as a BEIR folder's import names them. {@code -Dragworkbench.finetune.slice=TRAIN,TEST,OTHERS} makes a larger slice
 * (the README's screenshot: 400,100,700); the view-model test's counts hold for the default only.
 */
final class FineTuneFixture {

    static final String TRAIN = "sci/train";
    static final String TEST = "sci/test";

    private FineTuneFixture() {
    }

    /** Builds the workspace at {@code dir/ws}; the index's name. */
    static String build(Path dir) throws IOException {
        String[] slice = System.getProperty("ragworkbench.finetune.slice", "100,25,300").split(",");
        var files = AdapterFixture.write(dir, Integer.parseInt(slice[0].strip()), Integer.parseInt(slice[1].strip()),
                Integer.parseInt(slice[2].strip()));
        Path queries = AdapterFixture.SCIFACT.resolve("queries.jsonl");
        try (var bench = Workbench.open(dir.resolve("ws"))) {
            String index = AdapterFixture.index(bench, files, "sci");
            bench.evalSets().save(EvalSetReader.beir(TRAIN, queries, files.trainQrels()), "sci", "train",
                    "SciFact training queries");
            bench.evalSets().save(EvalSetReader.beir(TEST, queries, files.testQrels()), "sci", "test",
                    "SciFact test queries");
            return index;
        }
    }
}
