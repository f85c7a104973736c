package dev.ragworkbench.ui.tasks;

/** A submitted task: lets its owner cancel it (a no-op once it has finished). */
public interface TaskHandle {

    void cancel();

    boolean isDone();

    TaskHandle DONE = new TaskHandle() {
        @Override
        public void cancel() {
        }

        @Override
        public boolean isDone() {
            return true;
        }
    };
}
