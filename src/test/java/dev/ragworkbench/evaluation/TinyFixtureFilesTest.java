package dev.ragworkbench.evaluation;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The {@link MetricsTest} fixture as files, so the same numbers can be checked with the real tool:
 * {@code trec_eval -c -m ndcg_cut.10 -m P.5 -m recall.5 -m map_cut.5 -m success.1 tiny.qrels tiny.run}
 * should print the means below. Note the run file lists q2's tied d1 before d2 with ranks 1, 2: trec_eval,
 * like us, ignores that and ranks d2 first.
 */
class TinyFixtureFilesTest {

    @Test
    void meansMatchTheHandWorkedValues() throws IOException, URISyntaxException {
        Qrels qrels = QrelsReader.read(resource("tiny.qrels"));
        Rankings run = TrecRunFile.read(resource("tiny.run"));
        var r = Evaluator.evaluate(run, qrels, Metric.parseList("ndcg_cut.10, P.5, recall.5, map_cut.5, success.1"));
        var means = r.aggregate();
        assertThat(means.count()).isEqualTo(3);
        // (0.4981893 + 0.9079365 + 0) / 3
        assertThat(means.mean(Metric.parse("ndcg@10"))).isCloseTo(0.46870856932863, within(1e-12));
        // q1 2/5, q2 3/5 (d2, d1, d3 relevant; only 4 retrieved), q3 0
        assertThat(means.mean(Metric.parse("p@5"))).isCloseTo(1.0 / 3, within(1e-12));
        // q1 2/3, q2 3/3, q3 0
        assertThat(means.mean(Metric.parse("recall@5"))).isCloseTo(5.0 / 9, within(1e-12));
        // q1 (1/2 + 2/4)/3 = 1/3, q2 (1 + 1 + 3/4)/3 = 11/12, q3 0
        assertThat(means.mean(Metric.parse("map@5"))).isCloseTo((1.0 / 3 + 11.0 / 12) / 3, within(1e-12));
        // q1's first doc is non-relevant, q2's (d2) is relevant
        assertThat(means.mean(Metric.parse("success@1"))).isCloseTo(1.0 / 3, within(1e-12));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(TinyFixtureFilesTest.class.getResource("/evaluation/" + name).toURI());
    }
}
