package dev.ragworkbench.ingest;

import dev.ragworkbench.progress.ProgressListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every progress call and note, to assert on what a user would have seen. */
class RecordingListener implements ProgressListener {

    record Step(String stage, long done, long total) {
    }

    final List<Step> steps = new CopyOnWriteArrayList<>();
    final List<String> notes = new CopyOnWriteArrayList<>();

    @Override
    public void progress(String stage, long done, long total) {
        steps.add(new Step(stage, done, total));
    }

    @Override
    public void note(String message) {
        notes.add(message);
    }
}
