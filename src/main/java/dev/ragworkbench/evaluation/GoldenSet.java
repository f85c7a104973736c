package dev.ragworkbench.evaluation;


import java.util.List;
import java.util.Map;

/**
 * A golden set kept in the workspace.
 *
 * @param name    its name as listed
 * @param format  {@code squad}, {@code beir}, {@code trec} or {@code ragas}
 * @param evalSet the queries and judgments
 * @param answers answer spans by document id: SQuAD's answers, or a Ragas set's reference contexts where they
 *                occur in the documents; empty for BEIR and TREC, which have none
 */
public record GoldenSet(String name, String format, EvalSet evalSet, Map<String, List<AnswerSpan>> answers) {

    public GoldenSet {
        answers = Map.copyOf(answers);
    }

    public int queries() {
        return evalSet.size();
    }

    public int judgedDocuments() {
        return (int) evalSet.qrels().judgments().values().stream().flatMap(m -> m.keySet().stream()).distinct().count();
    }

    public int answerSpans() {
        return answers.values().stream().mapToInt(List::size).sum();
    }
}
