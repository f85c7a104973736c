/**
 * The run store: experiments (named grid specs) and their runs (one executed grid point each, with params,
 * aggregate and per-query metrics, tags, notes and artifacts), kept for good in the workspace database.
 *
 * <p>Entry point: {@link dev.ragworkbench.experiment.store.RunStore}. Every write commits on its own, so a process
 * killed mid-experiment loses only the run it was writing; that run reads {@code failed} with an
 * {@code interrupted} reason once any process opens the store on the same host.
 */
package dev.ragworkbench.experiment.store;
