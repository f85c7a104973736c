package dev.ragworkbench.ui.tasks;

/** Shows a failed task's error to the user. */
@FunctionalInterface
public interface ErrorReporter {

    void report(String title, Throwable error);
}
