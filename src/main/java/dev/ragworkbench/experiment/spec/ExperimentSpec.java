package dev.ragworkbench.experiment.spec;

import dev.ragworkbench.index.IndexSettings;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.evaluation.EvalSetFiles;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.retrieval.RetrieverSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Map;
import java.util.SequencedMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An experiment read from a YAML spec: one corpus, one eval set, and grid axes (chunkers × embedders ×
 * retrievers) that {@link #expand()} turns into run points. Every path is absolute, resolved against the spec
 * file's folder; every value has been validated, so a spec that loads can be run.
 *
 * @param name        filename-safe experiment name
 * @param description free text, empty when not given
 * @param corpus      the documents to index
 * @param evalSet     the queries and judgments
 * @param chunkers    chunking axis, distinct, in file order
 * @param embedders   embedding axis, distinct, in file order: built-in names, absolute model folders, or
 *                    {@value IndexSettings#NO_EMBEDDER}
 * @param retrievers  retrieval axis, distinct, in file order
 * @param metrics     metrics to report, distinct, in file order
 * @param top         ranking depth per query
 * @param sample      a random subset of queries to run, if the spec asks for one
 * @param tags        free-form labels, in file order
 * @param source      the spec file (absolute)
 * @param yaml        the spec's text as read, to store with the runs it produced
 * @param answers     models that answer each query from its top chunks, if the spec has a {@code models} axis:
 *                    then every grid point runs once per model
 */
public record ExperimentSpec(String name, String description, Corpus corpus, EvalSetSource evalSet,
                             List<ChunkerSpec> chunkers, List<String> embedders, List<RetrieverSpec> retrievers,
                             List<Metric> metrics, int top, Optional<Sample> sample,
                             SequencedMap<String, String> tags, Path source, String yaml,
                             Optional<AnswerSetup> answers) implements RunnableSpec {

    /** The embedder of lexical runs, and the embedding item that means "compute no embeddings". */

    /** Ranking depth when the spec gives none: deep enough for trec_eval-style MAP and recall cut-offs. */
    public static final int DEFAULT_TOP = 1000;

    /** Seed used when {@code sample} gives only {@code n}, so a spec without one is still reproducible. */
    public static final long DEFAULT_SEED = 42;

    public ExperimentSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(evalSet, "evalSet");
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(yaml, "yaml");
        chunkers = List.copyOf(new LinkedHashSet<>(chunkers));
        embedders = List.copyOf(new LinkedHashSet<>(embedders));
        retrievers = List.copyOf(new LinkedHashSet<>(retrievers));
        metrics = List.copyOf(new LinkedHashSet<>(metrics));
        tags = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(tags));
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1 but was " + top);
        }
        Objects.requireNonNull(answers, "answers");
    }

    /** A retrieval grid without answers. */
    public ExperimentSpec(String name, String description, Corpus corpus, EvalSetSource evalSet,
                          List<ChunkerSpec> chunkers, List<String> embedders, List<RetrieverSpec> retrievers,
                          List<Metric> metrics, int top, Optional<Sample> sample,
                          SequencedMap<String, String> tags, Path source, String yaml) {
        this(name, description, corpus, evalSet, chunkers, embedders, retrievers, metrics, top, sample, tags, source,
                yaml, Optional.empty());
    }

    /** Where the documents are and how to read them; {@code format} is never {@link ImportFormat#AUTO}. */
    public record Corpus(ImportFormat format, Path path) {
        public Corpus {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(path, "path");
        }
    }

    /** A reproducible random subset of {@code n} queries; see {@link EvalSet#sample(int, long)}. */
    public record Sample(int n, long seed) {
        public Sample {
            if (n < 1) {
                throw new IllegalArgumentException("sample size must be at least 1 but was " + n);
            }
        }
    }

    /** Where the eval set comes from: files of one format, or a set stored in the workspace. */
    public sealed interface EvalSetSource {
        /** As written in specs: {@code beir}, {@code trec}, {@code squad}, {@code ragas}, or {@code stored}. */
        String format();

        /** The eval set's label in reports, e.g. {@code scifact/test}; a stored set's name. */
        String name();

        /** The files, by the spec key that named them, in a fixed order; none for a stored set. */
        SequencedMap<String, Path> paths();
    }

    /** An eval set read from the user's files. */
    public sealed interface FileSource extends EvalSetSource {
        EvalSetFiles files();

        @Override default String format() { return files().format().id(); }
        @Override default SequencedMap<String, Path> paths() { return files().paths(); }
    }

    /** BEIR {@code queries.jsonl} and a qrels file. */
    public record Beir(String name, Path queries, Path qrels) implements FileSource {
        @Override public EvalSetFiles files() { return new EvalSetFiles.Beir(queries, qrels); }
    }

    /** TREC topics (TSV or JSONL) and TREC qrels. */
    public record Trec(String name, Path topics, Path qrels) implements FileSource {
        @Override public EvalSetFiles files() { return new EvalSetFiles.Trec(topics, qrels); }
    }

    /** A SQuAD-format file (COVID-QA is one). */
    public record Squad(String name, Path path) implements FileSource {
        @Override public EvalSetFiles files() { return new EvalSetFiles.Squad(path); }
    }

    /** A Ragas test set, judged against the corpus's documents. */
    public record Ragas(String name, Path path) implements FileSource {
        @Override public EvalSetFiles files() { return new EvalSetFiles.Ragas(path); }
    }

    /**
     * {@code evalSet: { stored: NAME }}: a set kept in the workspace ({@code evalsets import}), at its latest
     * version; {@code name} is its label in reports (the stored name unless the spec gives one).
     */
    public record Stored(String name, String stored) implements EvalSetSource {
        @Override public String format() { return "stored"; }
        @Override public SequencedMap<String, Path> paths() { return Collections.unmodifiableSequencedMap(new LinkedHashMap<>()); }
    }

    /** Reads and validates a spec file; relative paths in it resolve against its folder. */
    public static ExperimentSpec load(Path file) throws IOException, SpecException {
        return parse(Files.readString(file), file);
    }

    /**
     * Validates spec text as if it were the file {@code source} (which need not exist: it names the file in
     * errors and its folder is where relative paths resolve).
     */
    public static ExperimentSpec parse(String yaml, Path source) throws SpecException {
        return new SpecReader(source).read(yaml);
    }

    /**
     * The run points: chunkers × embedders × retrievers, except that lexical retrievers ignore the embedding
     * axis (one point per chunker with embedder {@value IndexSettings#NO_EMBEDDER}), since their results cannot depend on
     * it. Distinct, ordered chunker, then embedder (lexical points first), then retriever, so points that can
     * share one index are adjacent.
     */
    public List<GridPoint> expand() {
        var inputs = new GridPoint.Inputs(corpus, evalSet.name(), sample, top);
        List<String> models = embedders.stream().filter(e -> !e.equals(IndexSettings.NO_EMBEDDER)).toList();
        var points = new LinkedHashSet<GridPoint>();
        for (ChunkerSpec chunker : chunkers) {
            for (RetrieverSpec retriever : retrievers) {
                if (!retriever.kind().needsVectors()) {
                    points.add(new GridPoint(chunker, IndexSettings.NO_EMBEDDER, retriever, inputs));
                }
            }
            for (String model : models) {
                for (RetrieverSpec retriever : retrievers) {
                    if (retriever.kind().needsVectors()) {
                        points.add(new GridPoint(chunker, model, retriever, inputs));
                    }
                }
            }
        }
        return List.copyOf(points);
    }

    /** Reads the eval set from its files, then takes the spec's sample of it, if any. */
    public EvalSet loadEvalSet() throws IOException {
        return loadEvalSet(() -> {
            throw new UnsupportedOperationException("a ragas eval set is judged against the corpus's documents;"
                    + " load it with loadEvalSet(documents, stored)");
        }, name -> {
            throw new UnsupportedOperationException("eval set " + name + " is stored in a workspace;"
                    + " load it with loadEvalSet(documents, stored)");
        });
    }

    /**
     * The eval set, sampled as the spec says. A Ragas set names no documents: its judgments come from which of
     * {@code documents} (id → text, read only for Ragas) contain its reference contexts. A stored set is what
     * {@code stored} gives for its stored name (the workspace's eval-set store), labelled with the spec's name.
     */
    public EvalSet loadEvalSet(Supplier<Map<String, String>> documents, Function<String, EvalSet> stored)
            throws IOException {
        EvalSet set = switch (evalSet) {
            case FileSource f -> f.files().read(f.name(), documents);
            case Stored s -> stored.apply(s.stored()).withName(s.name());
        };
        return sample.map(s -> set.sample(s.n(), s.seed())).orElse(set);
    }
}
