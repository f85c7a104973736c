package dev.ragworkbench.evaluation;

/** What an eval set (or the workbench) must provide before a metric can be computed. */
public enum MetricNeed {
    /** Relevance judgments of documents per query. */
    QRELS,
    /** A reference answer per query or item. */
    REFERENCE_ANSWER,
    /** A chat model that judges answers (LLM as a judge). */
    JUDGE_MODEL;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
