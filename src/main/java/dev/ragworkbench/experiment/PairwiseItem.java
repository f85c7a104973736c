package dev.ragworkbench.experiment;

import dev.ragworkbench.evaluation.PairwiseTally.Orders;
import dev.ragworkbench.evaluation.PairwiseTally.Preference;

import java.util.List;
import java.util.Objects;

/**
 * One test-set item judged pairwise: the task both models got, the reference answer, both outputs, and the judge's
 * two verdicts (with A's output shown first, and with B's), each with the judge's replies as it gave them, so a
 * disagreement can be read. {@code failure} says why the item could not be judged (a model gave no output, a
 * judge reply could not be read after the retry, the judge's call failed); such an item is not a tie.
 *
 * @param outputA model A's output, or null when its call failed
 */
public record PairwiseItem(String id, String task, String reference, String outputA, String outputB,
                           Order aFirst, Order bFirst, String failure) {

    /**
     * One order's judgment.
     *
     * @param preference the model it prefers (its position's verdict mapped back to the model), null when failed
     * @param reason     the judge's reason, empty when it gave none
     * @param replies    the judge's replies, the retry's after the first (none when the call failed at once)
     * @param failure    why this order has no verdict, or null
     */
    public record Order(Preference preference, String reason, List<String> replies, String failure) {
        public Order {
            Objects.requireNonNull(reason, "reason");
            replies = List.copyOf(replies);
            if ((preference == null) == (failure == null)) {
                throw new IllegalArgumentException("an order has either a preference or a failure");
            }
        }

        static Order notAsked(String why) {
            return new Order(null, "", List.of(), why);
        }
    }

    public PairwiseItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(aFirst, "aFirst");
        Objects.requireNonNull(bFirst, "bFirst");
    }

    public boolean failed() {
        return failure != null;
    }

    /** Both orders' verdicts; only for a judged item. */
    public Orders orders() {
        if (failed()) {
            throw new IllegalStateException("item " + id + " was not judged: " + failure);
        }
        return new Orders(aFirst.preference(), bFirst.preference());
    }

    /** Judged, and the two orders gave different verdicts. */
    public boolean disagree() {
        return !failed() && !orders().agree();
    }
}
