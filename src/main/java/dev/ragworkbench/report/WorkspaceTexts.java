package dev.ragworkbench.report;

import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.experiment.spec.ExperimentSpec;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunStore;
import dev.ragworkbench.index.Indexes;
import dev.ragworkbench.ingest.Document;
import dev.ragworkbench.ingest.DocumentStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A report's texts from the workspace: the queries from the stored eval set a run names, or else from its
 * execution's spec (read as it ran, its relative paths against the spec's folder); the documents from the corpus
 * of the index the run searched. Whatever cannot be found any more (a deleted corpus, a moved file) is left out,
 * never guessed.
 */
public final class WorkspaceTexts implements ReportTexts {

    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceTexts.class);

    private final RunStore store;
    private final DocumentStore documents;
    private final Indexes indexes;
    private final Function<String, EvalSet> storedEvalSets;
    private final Map<String, Map<String, String>> queriesByKey = new HashMap<>();
    private final Map<String, Optional<String>> corpusByIndex = new HashMap<>();

    public WorkspaceTexts(RunStore store, DocumentStore documents, Indexes indexes,
                          Function<String, EvalSet> storedEvalSets) {
        this.store = store;
        this.documents = documents;
        this.indexes = indexes;
        this.storedEvalSets = storedEvalSets;
    }

    @Override
    public Map<String, String> queries(Run run) {
        String name = run.params().get("evalSet.name");
        String key = run.executionId() + "/" + name;
        return queriesByKey.computeIfAbsent(key, k -> load(run, name));
    }

    private Map<String, String> load(Run run, String name) {
        if (name != null) {
            try {
                return storedEvalSets.apply(name).queries();
            } catch (RuntimeException notStored) {
                // not a stored set: read it as the spec did
            }
        }
        if (run.executionId() == null) {
            return Map.of();
        }
        try {
            var execution = store.execution(run.executionId()).orElse(null);
            if (execution == null) {
                return Map.of();
            }
            Path source = Path.of(execution.specPath() == null ? "spec.yaml" : execution.specPath());
            ExperimentSpec spec = ExperimentSpec.parse(execution.specYaml(), source);
            EvalSet set = spec.loadEvalSet(() -> corpusTexts(run), storedEvalSets);
            return new LinkedHashMap<>(set.queries());
        } catch (Exception e) {
            LOG.info("report: no query texts for run {}: {}", run.id(), e.getMessage());
            return Map.of();
        }
    }

    private Map<String, String> corpusTexts(Run run) {
        var texts = new LinkedHashMap<String, String>();
        corpus(run).ifPresent(c -> documents.forEachDocument(c, d -> texts.put(d.id(), d.text())));
        return texts;
    }

    @Override
    public Optional<String> document(Run run, String documentId) {
        return corpus(run).flatMap(c -> documents.document(c, documentId)).map(Document::text);
    }

    /** The corpus of the index the run searched. */
    @Override
    public Optional<String> corpus(Run run) {
        String index = run.params().get("index.name");
        if (index == null) {
            return Optional.empty();
        }
        return corpusByIndex.computeIfAbsent(index, i -> {
            try {
                return Optional.of(indexes.resolve(i).settings().corpus());
            } catch (RuntimeException gone) {
                return Optional.empty();
            }
        });
    }
}
