package dev.ragworkbench.ui.models.judge;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.evaluation.PairwiseTally;
import dev.ragworkbench.experiment.PairwiseItem;
import dev.ragworkbench.experiment.PairwiseJudging;
import dev.ragworkbench.experiment.spec.PairwiseJudgeSpec;
import dev.ragworkbench.format.Errors;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.judge.PairwisePrompt;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.ui.tasks.TaskHandle;
import dev.ragworkbench.ui.tasks.TaskRequest;
import dev.ragworkbench.ui.tasks.TaskRunner;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * State and commands of the Models pane's pairwise judge: a judge model (stored endpoint models), a rubric the
 * user edits (the default one to start with), and judging of the second model shown against the first, off the
 * FX thread with progress and cancel. Then B's win / tie / loss, the orders' agreement, the win rate with its
 * interval, and the items on which the two orders disagreed, each with both orders' replies.
 */
public final class PairwiseViewModel {

    private final Workbench workbench;
    private final TaskRunner runner;
    private final Executor fx;
    private final ObservableList<String> models;
    private final ObservableList<String> runIds;

    private final ObservableList<String> judges = FXCollections.observableArrayList();
    private final StringProperty judge = new SimpleStringProperty();
    private final StringProperty rubric = new SimpleStringProperty(PairwisePrompt.DEFAULT_RUBRIC);
    private final BooleanProperty fresh = new SimpleBooleanProperty(false);
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final ObjectProperty<PairwiseJudging.Outcome> outcome = new SimpleObjectProperty<>();
    private final ObservableList<PairwiseItem> disagreements = FXCollections.observableArrayList();
    private final ObjectProperty<PairwiseItem> selected = new SimpleObjectProperty<>();
    private final StringBinding pair;
    private final BooleanBinding canJudge;
    private TaskHandle task = TaskHandle.DONE;

    /**
     * @param models the models the pane shows results of, in run order (the first two are judged)
     * @param runIds their runs, in the same order
     * @param fx     where progress from worker threads is applied (the FX thread; the caller's thread in tests)
     */
    public PairwiseViewModel(Workbench workbench, TaskRunner runner, Executor fx, ObservableList<String> models,
                             ObservableList<String> runIds) {
        this.workbench = workbench;
        this.runner = runner;
        this.fx = fx;
        this.models = models;
        this.runIds = runIds;
        pair = Bindings.createStringBinding(() -> models.size() < 2
                ? "Run two models on a test set first; the judge compares the second with the first."
                : models.get(1) + " against " + models.get(0)
                  + (models.size() > 2 ? " (the first two models of the comparison)" : ""), models);
        canJudge = Bindings.createBooleanBinding(() -> !running.get() && judge.get() != null && runIds.size() >= 2
                && rubric.get() != null && !rubric.get().isBlank(), running, judge, runIds, rubric);
        models.addListener((javafx.collections.ListChangeListener<String>) c -> clear());
    }

    /** Lists the stored models that can judge (endpoints; a predictions file cannot), off the FX thread. */
    public void loadJudges() {
        runner.run(TaskRequest.of("Listing judge models", (p, c) -> workbench.storedChatModels()).unlisted()
                .onSuccess(list -> {
                    var names = list.stream().filter(ChatModelSettings::answersNewPrompts)
                            .map(ChatModelSettings::name).toList();
                    judges.setAll(names);
                    if (judge.get() == null || !names.contains(judge.get())) {
                        judge.set(names.isEmpty() ? null : names.getFirst());
                    }
                }));
    }

    /** Judges the second model's run against the first's with the chosen judge and rubric. */
    public void judge() {
        if (!canJudge.get()) {
            return;
        }
        String a = runIds.get(0);
        String b = runIds.get(1);
        var spec = new PairwiseJudgeSpec(judge.get(), rubric.get(), null);
        boolean askFresh = fresh.get();
        clear();
        running.set(true);
        progress.set(0);
        status.set("Judging " + pair.get() + " with " + spec.model() + ", each item in both orders…");
        task = runner.run(TaskRequest.<PairwiseJudging.Outcome>of("Judging " + models.get(1) + " against "
                + models.get(0), (p, cancel) -> new PairwiseJudging(workbench, workbench.runs()).judge(a, b, spec,
                askFresh, Map.of(), progressTo(p), cancel))
                .silentErrors()
                .onSuccess(this::show)
                .onFailure(e -> {
                    error.set(Errors.sentence(e));
                    status.set("");
                })
                .onFinished(() -> {
                    running.set(false);
                    if (outcome.get() == null && error.get().isEmpty()) {
                        status.set("Cancelled; the verdicts received so far are in the history as a cancelled run");
                    }
                }));
    }

    public void cancel() {
        task.cancel();
    }

    private ProgressListener progressTo(ProgressListener statusBar) {
        return (stage, done, total) -> {
            statusBar.progress(stage, done, total);
            if (total > 0) {
                double share = (double) done / total;
                fx.execute(() -> progress.set(share));
            }
        };
    }

    private void show(PairwiseJudging.Outcome o) {
        outcome.set(o);
        disagreements.setAll(o.disagreements());
        selected.set(disagreements.isEmpty() ? null : disagreements.getFirst());
        progress.set(1);
        PairwiseTally t = o.tally();
        status.set(t.judged() + " of " + o.items().size() + " items judged" + (t.failed() > 0 ? ", " + t.failed()
                + " failed" : "") + "; saved as run " + o.run().id());
    }

    private void clear() {
        outcome.set(null);
        disagreements.clear();
        selected.set(null);
        error.set("");
    }

    /** "tuned wins 3 · ties 1 · loses 1", with the failed items when there are any. */
    public static String counts(PairwiseJudging.Outcome o) {
        PairwiseTally t = o.tally();
        return o.modelB() + " wins " + t.wins() + " · ties " + t.ties() + " · loses " + t.losses()
               + (t.failed() > 0 ? " · " + t.failed() + " not judged (failed)" : "");
    }

    /** "0.7000 [0.5000, 0.9000]", or a dash when no item could be judged. */
    public static String winRate(PairwiseJudging.Outcome o) {
        PairwiseTally t = o.tally();
        return t.judged() == 0 ? Formats.MISSING : Formats.metric(t.winRate()) + "  [" + Formats.metric(t.ciLow())
                + ", " + Formats.metric(t.ciHigh()) + "]";
    }

    /** "80 % (4 of 5 items)". */
    public static String agreement(PairwiseJudging.Outcome o) {
        PairwiseTally t = o.tally();
        return Formats.percent(t.agreement()) + " (" + t.agreed() + " of " + t.judged() + " items)";
    }

    public ObservableList<String> judges() { return judges; }
    public StringProperty judgeProperty() { return judge; }
    public StringProperty rubricProperty() { return rubric; }
    public BooleanProperty freshProperty() { return fresh; }
    public BooleanProperty runningProperty() { return running; }
    public DoubleProperty progressProperty() { return progress; }
    public StringProperty statusProperty() { return status; }
    public StringProperty errorProperty() { return error; }
    public ObjectProperty<PairwiseJudging.Outcome> outcomeProperty() { return outcome; }
    public ObservableList<PairwiseItem> disagreements() { return disagreements; }
    public ObjectProperty<PairwiseItem> selectedProperty() { return selected; }
    public StringBinding pair() { return pair; }
    public BooleanBinding canJudge() { return canJudge; }
    public List<String> models() { return models; }

    public void dispose() {
        task.cancel();
    }
}
