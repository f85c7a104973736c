package dev.ragworkbench.evaluation;

/**
 * The ranking metrics, each defined exactly as the named trec_eval 9.x measure computed with the default
 * relevance level 1 (relevant ⇔ grade ≥ 1). Every function receives the query's ranking already in
 * {@link RankingOrder#TREC_EVAL} order, as the grades of the retrieved documents ({@code 0} for unjudged ones).
 */
public enum MetricKind {

    /**
     * trec_eval {@code ndcg_cut.k}: DCG@k / ideal DCG@k, where a document at 1-based rank r adds
     * {@code grade / log2(r + 1)} when its grade is positive (so rank 1 is undiscounted), and the ideal list is
     * all judged documents with positive grade sorted by grade descending, also cut at k. Gains are the raw
     * (linear) grades. 0 when no document is judged with a positive grade.
     */
    NDCG("ndcg", "ndcg_cut") {
        @Override
        double compute(int[] grades, int retrieved, JudgedQuery q, int k) {
            double dcg = 0;
            int depth = Math.min(k, retrieved);
            for (int i = 0; i < depth; i++) {
                if (grades[i] > 0) {
                    dcg += grades[i] / Discount.log2RankPlusOne(i);
                }
            }
            double ideal = q.idealDcg(k);
            return ideal > 0 ? dcg / ideal : 0;
        }
    },

    /**
     * trec_eval {@code recall.k}: relevant documents in the top k divided by all relevant documents judged for
     * the query (retrieved or not); 0 when the query has none.
     */
    RECALL("recall", "recall") {
        @Override
        double compute(int[] grades, int retrieved, JudgedQuery q, int k) {
            return q.relevant() == 0 ? 0 : (double) relevantInTop(grades, retrieved, k) / q.relevant();
        }
    },

    /**
     * trec_eval {@code P.k}: relevant documents in the top k divided by k, even when fewer than k documents
     * were retrieved (missing ranks count as non-relevant).
     */
    PRECISION("precision", "P") {
        @Override
        double compute(int[] grades, int retrieved, JudgedQuery q, int k) {
            return (double) relevantInTop(grades, retrieved, k) / k;
        }
    },

    /**
     * trec_eval {@code recip_rank} run with {@code -M k}: 1 / rank of the first relevant document among the top
     * k, 0 if there is none.
     */
    MRR("mrr", "recip_rank") {
        @Override
        double compute(int[] grades, int retrieved, JudgedQuery q, int k) {
            int depth = Math.min(k, retrieved);
            for (int i = 0; i < depth; i++) {
                if (grades[i] >= Metric.RELEVANCE_LEVEL) {
                    return 1.0 / (i + 1);
                }
            }
            return 0;
        }
    },

    /**
     * trec_eval {@code map_cut.k}: the sum, over relevant documents at ranks r ≤ k, of precision at r, divided by
     * the number of relevant documents judged for the query (not by min(k, relevant)); 0 when there are none.
     */
    MAP("map", "map_cut") {
        @Override
        double compute(int[] grades, int retrieved, JudgedQuery q, int k) {
            if (q.relevant() == 0) {
                return 0;
            }
            int depth = Math.min(k, retrieved);
            int relSoFar = 0;
            double sum = 0;
            for (int i = 0; i < depth; i++) {
                if (grades[i] >= Metric.RELEVANCE_LEVEL) {
                    relSoFar++;
                    sum += (double) relSoFar / (i + 1);
                }
            }
            return sum / q.relevant();
        }
    },

    /** trec_eval {@code success.k}: 1 if any relevant document is in the top k, else 0. */
    SUCCESS("success", "success") {
        @Override
        double compute(int[] grades, int retrieved, JudgedQuery q, int k) {
            return relevantInTop(grades, retrieved, k) > 0 ? 1 : 0;
        }
    };

    private final String label;
    private final String trecEvalName;

    MetricKind(String label, String trecEvalName) {
        this.label = label;
        this.trecEvalName = trecEvalName;
    }

    /** {@link MetricType#PASS_FAIL} for {@link #SUCCESS} (each query scores 0 or 1), else ranked. */
    public MetricType type() {
        return this == SUCCESS ? MetricType.PASS_FAIL : MetricType.RANKED;
    }

    /** The name users write before {@code @k}, e.g. {@code ndcg}. */
    public String label() {
        return label;
    }

    /** trec_eval's measure name, e.g. {@code ndcg_cut}; {@code recip_rank} needs {@code -M k} for the cut. */
    public String trecEvalName() {
        return trecEvalName;
    }

    /**
     * The value for one query.
     *
     * @param grades    grades of the retrieved documents in ranking order; only the first {@code retrieved}
     *                  entries (and of those only the first {@code k}) are read
     * @param retrieved how many documents the run retrieved for the query
     * @param q         the query's judgments, pre-digested
     * @param k         the cut-off, ≥ 1
     */
    abstract double compute(int[] grades, int retrieved, JudgedQuery q, int k);

    private static int relevantInTop(int[] grades, int retrieved, int k) {
        int depth = Math.min(k, retrieved);
        int n = 0;
        for (int i = 0; i < depth; i++) {
            if (grades[i] >= Metric.RELEVANCE_LEVEL) {
                n++;
            }
        }
        return n;
    }
}
