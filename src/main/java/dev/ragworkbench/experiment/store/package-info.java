/**
 * The run store: experiments (one per spec name, with an execution per {@code run} of the spec) and their runs
 * (one executed grid point each, with params, aggregate, per-query and per-step metrics, item failures, tags,
 * notes and artifacts), kept for good in the workspace database.
 *
 * <p>Entry point: {@link dev.ragworkbench.experiment.store.RunStore}, a face over its parts: experiments,
 * the run life cycle, one batch write path ({@link dev.ragworkbench.experiment.store.RunBatch}), the artifact
 * repository, the reader, the history search ({@link dev.ragworkbench.experiment.store.HistoryQuery}) and
 * baselines. Every write commits on its own, so a process killed mid-experiment loses only the run it was
 * writing; that run reads {@code failed} with an {@code interrupted} reason once any process opens the store on
 * the same host. {@link dev.ragworkbench.experiment.store.RunJson} is the one JSON shape of a run.
 */
package dev.ragworkbench.experiment.store;
