package dev.ragworkbench.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsJsonTest {

    @Test
    void resultsSerialiseWithMetricNamesAsKeys() throws IOException {
        var result = Evaluator.evaluate(MetricsTest.RUN, MetricsTest.QRELS, Metric.parseList("ndcg@10, p@5"));
        String json = new ObjectMapper().writeValueAsString(result);
        assertThat(json).contains("\"metrics\":[\"ndcg@10\",\"precision@5\"]")
                .contains("\"queryId\":\"q1\"").contains("\"values\":{\"ndcg@10\":0.498189257466412")
                .contains("\"aggregate\":{\"means\":{\"ndcg@10\":").contains("\"count\":3");
        assertThat(new ObjectMapper().readValue("\"NDCG@10\"", Metric.class)).isEqualTo(Metric.parse("ndcg@10"));
    }

    @Test
    void aPerfectRunScoresOneOnSciFact() throws IOException {
        EvalSet set = EvalSetReader.beirDirectory(ReadersTest.SCIFACT, "test");
        var builder = Rankings.builder("oracle");
        set.qrels().judgments().forEach((q, docs) -> docs.forEach((d, g) -> builder.add(q, d, g)));
        var metrics = Metric.parseList("ndcg@10, recall@100, mrr@10, map@100, success@1");
        var r = Evaluator.evaluate(builder.build(), set, metrics);
        assertThat(r.aggregate().count()).isEqualTo(300);
        metrics.forEach(m -> assertThat(r.aggregate().mean(m)).as(m.toString()).isEqualTo(1.0));
        // an empty run scores 0 on all 300 queries rather than being skipped
        var empty = Evaluator.evaluate(Rankings.builder("none").build(), set, metrics);
        assertThat(empty.aggregate().count()).isEqualTo(300);
        assertThat(empty.judgedQueriesNotInRun()).isEqualTo(300);
        assertThat(empty.aggregate().mean(metrics.getFirst())).isZero();
    }
}
