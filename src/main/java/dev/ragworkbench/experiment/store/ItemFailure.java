package dev.ragworkbench.experiment.store;

/**
 * An item of a run (a query, a test-set item) that could not be scored. A failed item is left out of every mean.
 *
 * @param metric the metric it could not be scored on (a judge's unparseable reply), or null when the whole item
 *               failed (the model call itself)
 * @param reply  what came back, when that is the evidence (a judge's reply); may be null
 */
public record ItemFailure(String itemId, String metric, String reason, String reply) {

    public ItemFailure {
        StoreChecks.requireText(itemId, "failed item id");
        StoreChecks.requireText(reason, "failure reason of item " + itemId);
        if (metric != null && metric.isBlank()) {
            metric = null;
        }
    }

    /** The whole item failed. */
    public static ItemFailure ofItem(String itemId, String reason) {
        return new ItemFailure(itemId, null, reason, null);
    }
}
