package dev.ragworkbench.experiment.store;

import dev.ragworkbench.evaluation.EvaluationResult;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.evaluation.QueryResult;
import dev.ragworkbench.workspace.Jdbc;
import dev.ragworkbench.workspace.Workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * Experiments and runs in a workspace database: the face of the run store that {@code Workbench.runs()} hands out.
 * The work is done by its parts, as MLflow splits its tracking store: {@link Experiments} and their executions,
 * {@link RunLifecycle} (start, end, crash reconciliation), one batch write path ({@link RunBatchWriter}), the
 * {@link ArtifactRepository} for files, {@link RunReader} and {@link RunHistory} for reading and searching, and
 * {@link Baselines}.
 *
 * <p>Every write is one committed transaction, so a process killed mid-experiment keeps every run it finished and
 * never leaves a run half-written (a run's per-query values are all there or none are). The run it was writing
 * stays {@code running} until a store is next opened on the same host: then {@link #reconcile()} sees its process
 * is gone and marks it {@code failed}, reason {@code interrupted (process N ended)}.
 *
 * <p>Safe to use from several threads and, through H2's {@code AUTO_SERVER}, from several processes at once (the
 * GUI reading while a CLI run writes).
 */
public final class RunStore {

    /** Prefix of the reason of a run whose process ended without finishing it. */
    public static final String INTERRUPTED = RunLifecycle.INTERRUPTED;

    private final RunOwner self;
    private final Experiments experiments;
    private final RunReader reader;
    private final RunLifecycle lifecycle;
    private final RunBatchWriter writer;
    private final ArtifactRepository artifacts;
    private final RunHistory history;
    private final Baselines baselines;
    private final HistoryStats stats;

    /** Opens the store of {@code workspace} and {@linkplain #reconcile() fails runs whose process is gone}. */
    public RunStore(Workspace workspace) {
        this(workspace, RunOwner.current());
    }

    RunStore(Workspace workspace, RunOwner self) {
        var jdbc = new Jdbc(Objects.requireNonNull(workspace, "workspace"));
        this.self = self;
        this.experiments = new Experiments(jdbc);
        this.reader = new RunReader(jdbc);
        this.lifecycle = new RunLifecycle(jdbc, reader, new OwnerLiveness(RunOwner.localHost()), codeVersion());
        this.writer = new RunBatchWriter(jdbc);
        this.artifacts = new ArtifactRepository(jdbc);
        this.history = new RunHistory(jdbc);
        this.baselines = new Baselines(jdbc);
        this.stats = new HistoryStats(jdbc);
        reconcile();
    }

    /** The version runs started here record: the jar's {@code Implementation-Version}, or {@code dev}. */
    public static String codeVersion() {
        String v = RunStore.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }

    // ---------------------------------------------------------------------------------------------- experiments

    /**
     * Records an execution of the experiment called {@code name} (its spec's {@code name}), creating the
     * experiment on the first; the spec text and path are the execution's.
     */
    public ExperimentExecution startExecution(String name, String specYaml, String specPath) {
        return experiments.startExecution(name, specYaml, specPath);
    }

    /** As {@link #startExecution}, returning the experiment with its executions (the new one first). */
    public ExperimentRecord createExperiment(String name, String specYaml, String specPath) {
        var execution = startExecution(name, specYaml, specPath);
        return experiment(execution.experimentId()).orElseThrow();
    }

    /** All experiments, newest first. */
    public List<ExperimentRecord> experiments() {
        return experiments.all();
    }

    public Optional<ExperimentRecord> experiment(long id) {
        return experiments.byId(id);
    }

    public Optional<ExperimentRecord> experiment(String name) {
        return experiments.byName(name);
    }

    public Optional<ExperimentExecution> execution(long id) {
        return experiments.execution(id);
    }

    // ------------------------------------------------------------------------------------------------ run life

    /**
     * Records a new run as {@code running}, owned by this process, with its params and tags, and commits it
     * before returning so other processes see it at once.
     *
     * @param experimentId the experiment it is a point of, or null for a lone run
     * @param params       flat dotted keys such as {@code chunking.kind}, {@code retrieval.k1}
     */
    public Run startRun(Long experimentId, String name, Map<String, String> params, Map<String, String> tags) {
        return startRun(experimentId, name, params, tags, self);
    }

    /** As {@link #startRun(Long, String, Map, Map)}, as a point of one execution of an experiment. */
    public Run startRunOf(ExperimentExecution execution, String name, Map<String, String> params,
                        Map<String, String> tags) {
        return lifecycle.start(new RunLifecycle.Parent(execution.experimentId(), execution.id()), name, params, tags,
                self);
    }

    /** As {@link #startRun(Long, String, Map, Map)} with another owner: lets tests stand in for other processes. */
    Run startRun(Long experimentId, String name, Map<String, String> params, Map<String, String> tags, RunOwner owner) {
        return lifecycle.start(new RunLifecycle.Parent(experimentId, null), name, params, tags, owner);
    }

    /** Marks the run {@code finished}. */
    public Run finish(String runId) {
        return lifecycle.end(runId, RunStatus.FINISHED, null);
    }

    /** Marks the run {@code failed}, saying why (an exception message, say). */
    public Run fail(String runId, String reason) {
        return lifecycle.end(runId, RunStatus.FAILED, reason);
    }

    /** Marks the run {@code cancelled}: the user stopped it. */
    public Run cancel(String runId) {
        return lifecycle.end(runId, RunStatus.CANCELLED, "cancelled by the user");
    }

    /**
     * Marks {@code failed} every {@code running} run whose process on this host is gone (see
     * {@link OwnerLiveness}). Called when a store is opened; a GUI may call it again now and then.
     *
     * @return the ids of the runs it marked failed
     */
    public List<String> reconcile() {
        return lifecycle.reconcile();
    }

    /**
     * Records runs that ended elsewhere (an import, a benchmark's seed), with everything in their batches, in one
     * transaction; they are owned by this process.
     *
     * @return their new ids, in the order given
     */
    public List<String> record(List<EndedRun> runs) {
        return lifecycle.record(runs, self);
    }

    /**
     * Deletes a run with everything recorded about it, then its artifacts folder. Refuses a run still being
     * written by a live process on this host: cancel it there first.
     */
    public void delete(String runId) {
        lifecycle.delete(runId);
        // Database first: a crash in between leaves an orphan folder, never a run whose files are gone.
        artifacts.deleteAll(runId);
    }

    // ----------------------------------------------------------------------------------------------- logging

    /** Writes everything in {@code batch} to the run in one transaction. */
    public void log(String runId, RunBatch batch) {
        writer.log(runId, batch);
    }

    /** Writes each batch to its run, all in one transaction. */
    public void logAll(Map<String, RunBatch> batches) {
        writer.logAll(batches);
    }

    /** Records aggregate metric values (replacing earlier values of the same metrics). */
    public void logMetrics(String runId, Map<String, Double> metrics) {
        log(runId, RunBatch.builder().metrics(metrics).build());
    }

    /** Records per-query values of every metric in {@code perQuery}, replacing earlier values of those metrics. */
    public void logQueryMetrics(String runId, List<QueryResult> perQuery) {
        log(runId, RunBatch.builder().queryResults(perQuery).build());
    }

    /** Records one metric's per-query values (query id → value, in evaluation order), replacing earlier ones. */
    public void logQueryMetrics(String runId, String metric, SequencedMap<String, Double> valuesByQuery) {
        log(runId, RunBatch.builder().queryMetrics(metric, valuesByQuery).build());
    }

    /** Records an evaluation's means and per-query values in one transaction. */
    public void logEvaluation(String runId, EvaluationResult result) {
        log(runId, RunBatch.builder().evaluation(result).build());
    }

    /** Sets (or replaces) one tag. */
    public void setTag(String runId, String key, String value) {
        log(runId, RunBatch.builder().tag(key, value).build());
    }

    /** Removes a tag; false when the run had no such tag. */
    public boolean removeTag(String runId, String key) {
        return writer.removeTag(runId, key);
    }

    public RunNote addNote(String runId, String text) {
        return writer.addNote(runId, text);
    }

    // --------------------------------------------------------------------------------------------- artifacts

    /** The run's files under {@code artifacts/<run id>/}. */
    public ArtifactRepository artifacts() {
        return artifacts;
    }

    /** Copies {@code file} into {@code artifacts/<runId>/<name>} and records it. */
    public RunArtifact addArtifact(String runId, String name, Path file, String kind) {
        return artifacts.add(runId, name, file, kind, ArtifactRepository.Transfer.COPY);
    }

    /** See {@link ArtifactRepository#add}. */
    public RunArtifact addArtifact(String runId, String name, Path file, String kind,
                                   ArtifactRepository.Transfer transfer) {
        return artifacts.add(runId, name, file, kind, transfer);
    }

    /** The folder holding a run's artifacts (it may not exist yet). */
    public Path runArtifactsDir(String runId) {
        return artifacts.dir(runId);
    }

    /** Where an artifact's file is. */
    public Path file(RunArtifact artifact) {
        return artifacts.file(artifact);
    }

    // --------------------------------------------------------------------------------------------- reading

    /** The full run; throws {@link NoSuchRunException} for an unknown id. */
    public Run run(String runId) {
        return reader.run(runId);
    }

    public Optional<Run> find(String runId) {
        return reader.find(runId);
    }

    /** Runs matching {@code filter}, newest first, each with its params, metrics, tags, notes and artifacts. */
    public List<Run> runs(RunQuery filter) {
        return reader.runs(filter);
    }

    /** The history table's query: a filter, a sort and a page, with the number of runs matching. */
    public RunPage search(HistoryQuery query) {
        return history.search(query);
    }

    /** The param keys, metric names and tag keys runs have: what the history can show and filter on. */
    public HistoryColumns historyColumns() {
        return history.columns();
    }

    /** Experiments with their run counts and newest start, the one run most recently first. */
    public List<ExperimentSummary> experimentSummaries() {
        return stats.experiments();
    }

    /** A fingerprint that changes with any write to the history, by any process: what a view polls. */
    public HistoryStamp historyStamp() {
        return stats.stamp();
    }

    /** One metric's per-query values of a run, query id → value, in the order they were logged. */
    public SequencedMap<String, Double> queryMetrics(String runId, String metric) {
        return reader.queryMetrics(runId, metric);
    }

    public SequencedMap<String, Double> queryMetrics(String runId, Metric metric) {
        return queryMetrics(runId, metric.toString());
    }

    /** The metrics a run has per-query values of, sorted. */
    public List<String> queryMetricNames(String runId) {
        return reader.queryMetricNames(runId);
    }

    /** One metric's curve over the run's steps, first step first (empty when it has none). */
    public List<StepMetric> stepMetrics(String runId, String metric) {
        return reader.stepMetrics(runId, metric);
    }

    /** The metrics the run has curves of, sorted. */
    public List<String> stepMetricNames(String runId) {
        return reader.stepMetricNames(runId);
    }

    /** The run's items that could not be scored. */
    public List<ItemFailure> itemFailures(String runId) {
        return reader.itemFailures(runId);
    }

    /** Named baselines. */
    public Baselines baselines() {
        return baselines;
    }
}
