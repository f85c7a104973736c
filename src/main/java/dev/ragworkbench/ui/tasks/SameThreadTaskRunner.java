package dev.ragworkbench.ui.tasks;

import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.CancelledException;
import dev.ragworkbench.progress.ProgressListener;

import java.util.ArrayList;
import java.util.List;

/** Runs each task immediately on the calling thread; records titles and errors for tests to check. */
public final class SameThreadTaskRunner implements TaskRunner {

    private final List<String> titles = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();

    @Override
    public <T> TaskHandle run(TaskRequest<T> request) {
        titles.add(request.title());
        var cancel = new Cancellation();
        try {
            T result = request.work().call(ProgressListener.NONE, cancel);
            request.onSuccess().accept(result);
        } catch (CancelledException e) {
            // cancelled work has nothing to report
        } catch (Exception e) {
            errors.add(e);
            request.onFailure().accept(e);
        } finally {
            request.onFinished().run();
        }
        return TaskHandle.DONE;
    }

    public List<String> titles() {
        return List.copyOf(titles);
    }

    public List<Throwable> errors() {
        return List.copyOf(errors);
    }
}
