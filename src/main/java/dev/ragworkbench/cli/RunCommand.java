package dev.ragworkbench.cli;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.evaluation.AnswerMetrics;
import dev.ragworkbench.experiment.ExperimentRunner;
import dev.ragworkbench.experiment.QualityGate;
import dev.ragworkbench.experiment.ModelRunner;
import dev.ragworkbench.experiment.PairwiseJudging;
import dev.ragworkbench.experiment.history.ExperimentBaselines;
import dev.ragworkbench.experiment.spec.ExperimentSpec;
import dev.ragworkbench.experiment.spec.ModelRunSpec;
import dev.ragworkbench.experiment.spec.RunnableSpec;
import dev.ragworkbench.experiment.spec.Specs;
import dev.ragworkbench.experiment.spec.SpecException;
import dev.ragworkbench.experiment.store.NoSuchRunException;
import dev.ragworkbench.experiment.store.RunJson;
import dev.ragworkbench.experiment.store.RunStore;
import dev.ragworkbench.progress.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code run SPEC.yaml}: run an experiment grid, record every run, and apply quality gates. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run an experiment spec (YAML), record its runs, print runs × metrics; gates exit 1.")
final class RunCommand implements Runnable {

    @Mixin
    WorkspaceOptions options;

    @Parameters(paramLabel = "SPEC.yaml", description = "The experiment spec.")
    Path specFile;

    @Option(names = "--json", description = "Print {\"runs\":[{\"id\",\"name\",\"experiment\",\"status\",\"startedAt\",\"durationMs\","
                    + "\"params\",\"metrics\",\"tags\"}]}.")
    boolean json;

    @Option(names = "--trec-dir", paramLabel = "DIR", description = "Also write one TREC run file per run here.")
    Path trecDir;

    @Option(names = "--sample", paramLabel = "N", description = "Use a random sample of N queries.")
    Integer sample;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the sample (default: the spec's, else 42).")
    Long seed;

    @Option(names = "--fail-if", paramLabel = "CONDITION",
            description = "Fail (exit 1) when any run meets it, e.g. \"ndcg@10 < 0.66\". Repeatable.")
    List<String> failIf = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "RUN_ID|FILE.json|marked",
            description = "Compare each run with this run, with a file written by --json, or with 'marked': the run"
                    + " marked as the experiment's baseline ('runs baseline RUN_ID').")
    String baseline;

    @Option(names = "--max-drop", paramLabel = "X", defaultValue = "0.01",
            description = "Largest absolute drop from the baseline allowed per metric (default ${DEFAULT-VALUE}).")
    double maxDrop;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write a report of this execution's runs (format from the extension: .html, .md, "
                    + ".csv, .json).")
    Path report;

    @Option(names = "--fresh", description = "Ask the models (and the judge) again instead of answering from the"
            + " call cache.")
    boolean fresh;

    @Spec
    CommandSpec spec;

    private static final String MARKED = "marked";

    @Override
    public void run() {
        var conditions = failIf.stream().map(QualityGate.Condition::parse).toList();
        RunnableSpec loaded;
        try {
            loaded = Specs.load(specFile);
        } catch (SpecException e) {
            throw new BadInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + specFile + ": " + e.getMessage(), e);
        }
        var reportFormat = report == null ? null : ReportCommand.format(null, report);
        var out = spec.commandLine().getOut();
        var progress = new TerminalProgress(spec.commandLine().getErr());
        try (var bench = options.open()) {
            var store = bench.runs();
            List<QualityGate.Subject> baselineRuns = baseline == null ? null
                    : MARKED.equals(baseline) ? markedBaseline(store, loaded.name()) : baseline(store);
            List<QualityGate.Subject> subjects;
            // what --fail-if looks at: the runs, and a pairwise judging's own run (its win_rate) when there is one
            var gated = new ArrayList<QualityGate.Subject>();
            if (loaded instanceof ModelRunSpec models) {
                var result = new PairwiseJudging(bench, store).run(models, new ModelRunner.Options(sample, seed, fresh),
                        progress, Cancellation.none());
                progress.closeLine();
                var outcomes = result.runs();
                var pairwise = result.pairwise().orElse(null);
                subjects = outcomes.stream().map(o -> new QualityGate.Subject(o.run().id(), o.run().name(),
                        o.run().metrics())).toList();
                if (pairwise != null) {
                    gated.add(new QualityGate.Subject(pairwise.run().id(), pairwise.run().name(),
                            pairwise.run().metrics()));
                }
                out.print(json ? ModelRunOutput.json(outcomes, pairwise) + System.lineSeparator()
                        : ModelRunOutput.table(outcomes, models.metrics())
                          + (pairwise == null ? "" : ModelRunOutput.pairwise(pairwise)));
            } else {
                ExperimentSpec experiment = (ExperimentSpec) loaded;
                var outcomes = new ExperimentRunner(bench, store).run(experiment,
                        new ExperimentRunner.Options(sample, seed, trecDir, fresh), progress, Cancellation.none());
                progress.closeLine();
                subjects = outcomes.stream().map(o -> new QualityGate.Subject(o.run().id(), o.run().name(),
                        o.run().metrics())).toList();
                if (json && experiment.answers().isPresent()) {
                    out.println(ModelRunOutput.answersJson(outcomes));
                } else if (json) {
                    out.println(RunJson.write(outcomes.stream().map(ExperimentRunner.Outcome::run).toList()));
                } else if (experiment.answers().isPresent()) {
                    var columns = new ArrayList<>(experiment.metrics().stream().map(Object::toString).toList());
                    columns.addAll(AnswerMetrics.REFERENCE_NAMES);
                    if (experiment.answers().get().judge().isPresent()) {
                        columns.addAll(AnswerMetrics.JUDGE_NAMES);
                    }
                    out.print(ModelRunOutput.answersTable(outcomes, columns));
                } else {
                    out.print(RunsCommand.metricsTable(outcomes.stream().map(o -> o.run()).toList(),
                            experiment.metrics().stream().map(Object::toString).toList()));
                }
            }
            out.flush();
            if (report != null && !subjects.isEmpty()) {
                ReportCommand.write(bench, subjects.stream().map(QualityGate.Subject::id).toList(), reportFormat, report);
                spec.commandLine().getErr().println("Report: " + report);
            }
            gated.addAll(0, subjects);
            QualityGate.check(gated, conditions).ifPresent(reason -> {
                throw new GateFailedException(reason);
            });
            if (baselineRuns != null) {
                QualityGate.checkBaseline(subjects, baselineRuns, maxDrop).ifPresent(reason -> {
                    throw new GateFailedException(reason);
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code --baseline marked}: the experiment's marked baseline, read before the grid adds runs. */
    private static List<QualityGate.Subject> markedBaseline(RunStore store, String experiment) {
        var run = new ExperimentBaselines(store).of(experiment).orElseThrow(() -> new BadInputException(
                "experiment '" + experiment + "' has no marked baseline; mark one with 'runs baseline RUN_ID'"));
        return List.of(new QualityGate.Subject(run.id(), run.name(), run.metrics()));
    }

    /** The baseline's runs: a stored run by id, or the runs of a file written by {@code run --json}. */
    private List<QualityGate.Subject> baseline(RunStore store) {
        Path file = Path.of(baseline);
        if (!Files.isRegularFile(file)) {
            try {
                var run = store.run(baseline);
                return List.of(new QualityGate.Subject(run.id(), run.name(), run.metrics()));
            } catch (NoSuchRunException e) {
                throw new BadInputException("baseline '" + baseline + "' is neither a file nor a run in this workspace");
            }
        }
        try {
            return RunJson.read(file).stream()
                    .map(e -> new QualityGate.Subject(e.id(), e.name(), e.metrics())).toList();
        } catch (IllegalArgumentException e) {
            throw new BadInputException("baseline file " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BadInputException("cannot read baseline file " + file + ": " + e.getMessage(), e);
        }
    }
}
