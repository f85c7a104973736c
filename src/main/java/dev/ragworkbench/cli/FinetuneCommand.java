package dev.ragworkbench.cli;

import dev.ragworkbench.embedding.adapter.TrainingListener;
import dev.ragworkbench.embedding.adapter.TrainingOptions;
import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.evaluation.EvalSetReader;
import dev.ragworkbench.experiment.FineTuning;
import dev.ragworkbench.progress.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code finetune}: trains an embedding adapter on an eval set over an index and records it as a run. Prints the
 * validation curve as it trains and the adapter's run id as its last line, for scripts.
 */
@Command(name = "finetune", mixinStandardHelpOptions = true, description = {
        "Train an embedding adapter (a linear map on the query side, initialised to the identity) on an eval set's",
        "(query, relevant chunk) pairs over an index, and record it as a run. Prints the adapter's run id last.",
        "Use it with search --adapter RUN_ID, or in a spec: embedding: [{ model: NAME, adapter: RUN_ID }]."})
final class FinetuneCommand implements Runnable {

    @Mixin
    WorkspaceOptions options;
    @Mixin
    EvalSetOption evalSet;

    @Option(names = "--index", required = true, paramLabel = "NAME", description = "An index built with an embedder.")
    String index;
    @Option(names = "--queries", paramLabel = "FILE.jsonl", description = "BEIR queries (with --qrels), instead of --evalset.")
    Path queries;
    @Option(names = "--qrels", paramLabel = "FILE", description = "Qrels of the training queries (TSV, BEIR or TREC).")
    Path qrels;
    @Option(names = "--epochs", paramLabel = "N", description = "At most N passes (default 20; early stopping may end sooner).")
    Integer epochs;
    @Option(names = "--lr", paramLabel = "X", description = "Adam's learning rate (default 0.002).")
    Double lr;
    @Option(names = "--batch", paramLabel = "N", description = "Pairs per step (default 32).")
    Integer batch;
    @Option(names = "--negatives", paramLabel = "KIND", description = "in-batch (default) or bm25 (adds a BM25-mined hard negative per pair).")
    String negatives;
    @Option(names = "--seed", paramLabel = "N", description = "Seed of the shuffles and the validation split (default 42).")
    Long seed;
    @Option(names = "--validation", paramLabel = "SHARE", description = "Share of queries held out for early stopping (default 0.1).")
    Double validation;
    @Option(names = "--patience", paramLabel = "N", description = "Epochs without a better validation nDCG@10 before stopping (default 3).")
    Integer patience;
    @Option(names = "--experiment", paramLabel = "NAME", description = "Experiment to record the run in (default finetune).")
    String experiment;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        TrainingOptions o = trainingOptions();
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try (var bench = options.open()) {
            EvalSet set = evalSet(bench);
            out.printf(Locale.ROOT, "Training an adapter on %s (%d queries) over index %s.%n", set.name(), set.size(), index);
            out.printf(Locale.ROOT, "%5s  %10s  %12s%n", "epoch", "train loss", "val nDCG@10");
            out.flush();
            var listener = new TrainingListener() {
                double lossSum;
                int lossCount;

                @Override
                public void step(long step, int epoch, double loss) {
                    lossSum += loss;
                    lossCount++;
                }

                @Override
                public void epoch(int epoch, double validationNdcg10, boolean best) {
                    String loss = lossCount == 0 ? "" : String.format(Locale.ROOT, "%.4f", lossSum / lossCount);
                    out.printf(Locale.ROOT, "%5d  %10s  %12.4f%s%n", epoch, loss, validationNdcg10, best ? "  best" : "");
                    out.flush();
                    lossSum = 0;
                    lossCount = 0;
                }
            };
            var outcome = bench.fineTuning().train(new FineTuning.Request(index, set, o, experiment), listener,
                    new TerminalProgress(err), Cancellation.none());
            var r = outcome.result();
            out.printf(Locale.ROOT, "Validation nDCG@10 %.4f → %.4f (epoch %d of %d); %d pairs from %d queries, "
                            + "%d held out; trained in %.1f s.%n", r.baseValidation(), r.bestValidation(), r.bestEpoch(),
                    r.epochsRun(), outcome.pairs(), outcome.trainQueries(), outcome.validationQueries(),
                    outcome.trainingMillis() / 1000.0);
            out.println(outcome.runId());
        }
    }

    private TrainingOptions trainingOptions() {
        var d = TrainingOptions.DEFAULTS;
        try {
            return new TrainingOptions(epochs == null ? d.epochs() : epochs, lr == null ? d.learningRate() : lr,
                    batch == null ? d.batchSize() : batch, d.scale(),
                    negatives == null ? d.negatives() : TrainingOptions.Negatives.fromId(negatives),
                    seed == null ? d.seed() : seed, validation == null ? d.validationShare() : validation,
                    patience == null ? d.patience() : patience);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private EvalSet evalSet(dev.ragworkbench.app.Workbench bench) {
        if (evalSet.isSet() == (queries != null)) {
            throw new BadInputException("name the training queries with --evalset NAME, or with --queries FILE and "
                    + "--qrels FILE");
        }
        if (evalSet.isSet()) {
            return evalSet.resolve(bench);
        }
        if (qrels == null) {
            throw new BadInputException("--queries needs --qrels FILE");
        }
        for (Path p : new Path[]{queries, qrels}) {
            if (!Files.isRegularFile(p)) {
                throw new BadInputException(p + " does not exist");
            }
        }
        try {
            return EvalSetReader.beir(setName(), queries, qrels);
        } catch (dev.ragworkbench.evaluation.MalformedFileException e) {
            throw new BadInputException(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code scifact-train} for {@code scifact/queries.jsonl} with {@code scifact/qrels/train.tsv}. */
    private String setName() {
        String split = qrels.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path dir = queries.toAbsolutePath().getParent();
        return dir == null || dir.getFileName() == null ? split : dir.getFileName() + "-" + split;
    }
}
