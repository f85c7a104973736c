package dev.ragworkbench.ui.tasks;

/**
 * Runs core work for the UI. {@link FxTaskRunner} runs it on background threads with progress and cancel in
 * the status bar; {@link SameThreadTaskRunner} runs it at once on the caller's thread for ViewModel tests.
 */
public interface TaskRunner {

    <T> TaskHandle run(TaskRequest<T> request);
}
