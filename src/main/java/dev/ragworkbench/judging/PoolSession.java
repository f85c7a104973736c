package dev.ragworkbench.judging;

import dev.ragworkbench.evaluation.Qrels;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Judging a pool one document at a time: which item is shown, which are graded, and where skip and back lead. The
 * grades are the eval set's judgments (passed in at the start and recorded here as each is given), so a session is
 * resumed by building the same pool again ({@link PoolSessions}). Grades are written in batches, each one new
 * version of the set: the session keeps those not written yet ({@link #unsaved()}) and says when a batch is due
 * ({@link #saveDue()}: {@value #SAVE_EVERY} grades, or the judge has moved on to another query). Not thread-safe:
 * the pane's FX thread owns it, and writes happen elsewhere.
 */
public final class PoolSession {

    private final Pool pool;
    private final List<PoolItem> items;
    /** query id → document id → grade, for the pool's queries. */
    private final Map<String, Map<String, Integer>> grades = new HashMap<>();
    /** Grades given but not written to the set yet, in the order given. */
    private final List<Judgment> unsaved = new ArrayList<>();
    private int position;

    /** Grades that make a batch due on their own, within one query. */
    public static final int SAVE_EVERY = 10;

    /** A session over {@code pool}, knowing the grades {@code judged} already holds; it starts at the first ungraded. */
    public PoolSession(Pool pool, Qrels judged) {
        this.pool = pool;
        this.items = pool.items();
        for (PoolQuery q : pool.queries()) {
            var docs = new HashMap<String, Integer>();
            judged.judgments(q.id()).forEach(docs::put);
            grades.put(q.id(), docs);
        }
        position = -1;
        advance();
    }

    public Pool pool() {
        return pool;
    }

    /** The item to grade now; empty when every item is graded and none was gone back to. */
    public Optional<PoolItem> current() {
        return position < items.size() ? Optional.of(items.get(position)) : Optional.empty();
    }

    /** The grade {@code item}'s document has for its query, if any. */
    public OptionalInt grade(PoolItem item) {
        Integer g = grades.getOrDefault(item.queryId(), Map.of()).get(item.documentId());
        return g == null ? OptionalInt.empty() : OptionalInt.of(g);
    }

    /** The judgment for the current item (which it does not record: see {@link #record}). */
    public Judgment judgment(int grade) {
        PoolItem item = current().orElseThrow(() -> new IllegalStateException("every hit of the pool is judged"));
        return new Judgment(item.queryId(), item.documentId(), grade);
    }

    /** Records a grade (to be written with the next batch, see {@link #unsaved()}) and moves on to the next ungraded item. */
    public void record(Judgment judgment) {
        grades.computeIfAbsent(judgment.queryId(), q -> new HashMap<>()).put(judgment.documentId(), judgment.grade());
        unsaved.add(judgment);
        advance();
    }

    /** The grades recorded and not yet handed over by {@link #takeUnsaved()}, in the order given. */
    public List<Judgment> unsaved() {
        return List.copyOf(unsaved);
    }

    /**
     * Whether the unsaved grades should be written now: {@value #SAVE_EVERY} of them, or the item shown is of
     * another query than the last grade (or none is left), so a query's grades make one version.
     */
    public boolean saveDue() {
        if (unsaved.isEmpty()) {
            return false;
        }
        if (unsaved.size() >= SAVE_EVERY) {
            return true;
        }
        var item = current();
        return item.isEmpty() || !item.get().queryId().equals(unsaved.getLast().queryId());
    }

    /** Hands over the unsaved grades to be written as one version; the session counts them as saved. */
    public List<Judgment> takeUnsaved() {
        var batch = List.copyOf(unsaved);
        unsaved.clear();
        return batch;
    }

    /** Takes back a batch whose write failed, before the grades given since, to be written with the next batch. */
    public void unsavedAgain(List<Judgment> batch) {
        unsaved.addAll(0, batch);
    }

    /** Leaves the current item ungraded and moves on; a skipped item comes round again after the others. */
    public void skip() {
        advance();
    }

    /** Goes back one item, graded or not, so that a grade can be changed. */
    public void back() {
        position = Math.max(0, Math.min(position, items.size()) - 1);
    }

    /** The next ungraded item after the current one, wrapping round; past the end when there is none. */
    private void advance() {
        int n = items.size();
        for (int step = 1; step <= n; step++) {
            int i = (Math.max(position, -1) + step) % n;
            if (i < 0) {
                continue;
            }
            if (grade(items.get(i)).isEmpty()) {
                position = i;
                return;
            }
        }
        position = n;
    }

    public PoolProgress progress() {
        int judged = 0;
        for (PoolItem item : items) {
            if (grade(item).isPresent()) {
                judged++;
            }
        }
        var item = current();
        if (item.isEmpty()) {
            return new PoolProgress(0, pool.queries().size(), 0, 0, judged, items.size());
        }
        int q = 0;
        for (int i = 0; i < pool.queries().size(); i++) {
            if (pool.queries().get(i).id().equals(item.get().queryId())) {
                q = i;
                break;
            }
        }
        PoolQuery query = pool.queries().get(q);
        int inQuery = (int) query.items().stream().filter(it -> grade(it).isPresent()).count();
        return new PoolProgress(q + 1, pool.queries().size(), inQuery, query.items().size(), judged, items.size());
    }
}
