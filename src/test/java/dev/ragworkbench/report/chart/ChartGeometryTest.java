package dev.ragworkbench.report.chart;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ChartGeometryTest {

    // BarChart's plot area at its default size: left 56, right 480 − 12, top 28, bottom 300 − 40.
    private static final double LEFT = 56;
    private static final double RIGHT = 468;
    private static final double TOP = 28;
    private static final double BOTTOM = 260;

    @Test
    void aScaleMapsTheDomainOntoTheRangeEvenBackwards() {
        var y = new LinearScale(0, 0.8, 260, 28);
        assertThat(y.map(0)).isEqualTo(260);
        assertThat(y.map(0.8)).isEqualTo(28);
        assertThat(y.map(0.4)).isCloseTo(144, within(1e-9));
        assertThat(new LinearScale(3, 3, 0, 100).map(3)).isEqualTo(50);
    }

    @Test
    void ticksAreRoundAndCoverTheData() {
        Ticks t = Ticks.nice(0, 0.75, 5);
        assertThat(t.values()).containsExactly(0.0, 0.2, 0.4, 0.6, 0.8);
        assertThat(t.values().stream().map(t::label)).containsExactly("0.0", "0.2", "0.4", "0.6", "0.8");
        Ticks neg = Ticks.nice(-0.13, 0.05, 5);
        assertThat(neg.min()).isLessThanOrEqualTo(-0.13);
        assertThat(neg.max()).isGreaterThanOrEqualTo(0.05);
        assertThat(neg.values()).contains(0.0);
        assertThat(neg.values().stream().map(neg::label)).doesNotContain("-0", "-0.00");
        Ticks flat = Ticks.nice(0.5, 0.5, 5);
        assertThat(flat.min()).isLessThan(0.5);
        assertThat(flat.max()).isGreaterThan(0.5);
        assertThat(Ticks.nice(0, 250, 5).values()).containsExactly(0.0, 50.0, 100.0, 150.0, 200.0, 250.0);
    }

    @Test
    void aBarReachesItsValueAndItsWhiskerSpansItsInterval() {
        Figure f = BarChart.figure("ndcg@10", "ndcg@10", List.of(
                new BarChart.Bar("bm25", 0.5, Double.NaN, Double.NaN, 0),
                new BarChart.Bar("dense", 0.75, 0.6, 0.7, 1)), 0.5);
        // the y domain is [0, 0.8]: 0.5 sits at 260 − 0.5 / 0.8 × 232 = 115
        var bars = f.marks(Role.BAR, Mark.Rect.class);
        assertThat(bars).hasSize(2);
        assertThat(bars.get(0).y()).isCloseTo(115, within(1e-9));
        assertThat(bars.get(0).y() + bars.get(0).height()).isCloseTo(BOTTOM, within(1e-9));
        assertThat(bars.get(1).y()).isCloseTo(BOTTOM - 0.75 / 0.8 * (BOTTOM - TOP), within(1e-9));
        assertThat(bars.get(1).series()).isEqualTo(1);
        // bars are centred in equal slots
        double slot = (RIGHT - LEFT) / 2;
        assertThat(bars.get(0).x() + bars.get(0).width() / 2).isCloseTo(LEFT + slot / 2, within(1e-9));
        assertThat(bars.get(1).x() + bars.get(1).width() / 2).isCloseTo(LEFT + slot * 1.5, within(1e-9));

        var whiskers = f.marks(Role.INTERVAL, Mark.Line.class);
        assertThat(whiskers).hasSize(3).allMatch(l -> l.series() == 1);
        Mark.Line stem = whiskers.getFirst();
        assertThat(stem.x1()).isEqualTo(stem.x2()).isCloseTo(LEFT + slot * 1.5, within(1e-9));
        assertThat(stem.y1()).isCloseTo(BOTTOM - 0.6 / 0.8 * (BOTTOM - TOP), within(1e-9));
        assertThat(stem.y2()).isCloseTo(BOTTOM - 0.7 / 0.8 * (BOTTOM - TOP), within(1e-9));

        Mark.Line ref = f.marks(Role.REFERENCE, Mark.Line.class).getFirst();
        assertThat(ref.y1()).isEqualTo(ref.y2()).isCloseTo(115, within(1e-9));
        assertThat(f.marks(Role.TICK_LABEL, Mark.Text.class)).extracting(Mark.Text::text)
                .contains("0.0", "0.8", "bm25", "dense");
    }

    @Test
    void aNegativeBarHangsBelowZero() {
        Figure f = BarChart.figure("delta", "Δ", List.of(new BarChart.Bar("b", -0.1, -0.15, -0.05, 0)), Double.NaN);
        Mark.Rect bar = f.marks(Role.BAR, Mark.Rect.class).getFirst();
        Ticks t = Ticks.nice(-0.15, 0, 5);
        var y = new LinearScale(t.min(), t.max(), BOTTOM, TOP);
        assertThat(bar.y()).isCloseTo(y.map(0), within(1e-9));
        assertThat(bar.y() + bar.height()).isCloseTo(y.map(-0.1), within(1e-9));
    }

    @Test
    void noRunsGiveANoteAndOneRunASingleCentredBar() {
        Figure empty = BarChart.figure("recall@10", "recall@10", List.of(), Double.NaN);
        assertThat(empty.marks(Role.BAR)).isEmpty();
        assertThat(empty.marks(Role.NOTE, Mark.Text.class)).extracting(Mark.Text::text).containsExactly("no runs");

        Figure one = BarChart.figure("recall@10", "recall@10", List.of(
                new BarChart.Bar("only", 0.4, Double.NaN, Double.NaN, 0)), 0.4);
        Mark.Rect bar = one.marks(Role.BAR, Mark.Rect.class).getFirst();
        assertThat(bar.x() + bar.width() / 2).isCloseTo((LEFT + RIGHT) / 2, within(1e-9));
        assertThat(one.marks(Role.INTERVAL)).isEmpty();
    }

    @Test
    void aNanValueKeepsItsSlotWithoutABarAndRendersFinite() {
        Figure f = BarChart.figure("mrr", "mrr", List.of(
                new BarChart.Bar("a", 0.3, Double.NaN, Double.NaN, 0),
                new BarChart.Bar("b", Double.NaN, Double.NaN, Double.NaN, 1)), Double.NaN);
        assertThat(f.marks(Role.BAR)).hasSize(1);
        assertThat(f.marks(Role.VALUE_LABEL, Mark.Text.class)).extracting(Mark.Text::text)
                .containsExactly("0.300", "n/a");
        assertThat(SvgRenderer.render(f)).doesNotContain("NaN", "Infinity");
    }

    @Test
    void scatterPlacesQueriesOnSharedAxesAboveOrBelowTheDiagonal() {
        SequencedMap<String, Double> a = new LinkedHashMap<>();
        SequencedMap<String, Double> b = new LinkedHashMap<>();
        a.put("q1", 0.2);
        b.put("q1", 0.6);
        a.put("q2", 0.9);
        b.put("q2", 0.4);
        a.put("q3", 1.0);
        b.put("q3", 1.0);
        a.put("q4", 1.0);
        b.put("q4", 1.0);
        a.put("onlyA", 0.5);
        b.put("onlyB", 0.5);
        a.put("nan", Double.NaN);
        b.put("nan", 0.1);
        Figure f = ScatterChart.figure("ndcg@10 per query", "A", "B", a, b);
        // plot area at the default 340 × 340: left 52, right 326, top 28, bottom 300; domain [0, 1]
        var gain = f.marks(Role.GAIN, Mark.Circle.class);
        assertThat(gain).hasSize(1);
        assertThat(gain.getFirst().cx()).isCloseTo(52 + 0.2 * 274, within(1e-9));
        assertThat(gain.getFirst().cy()).isCloseTo(300 - 0.6 * 272, within(1e-9));
        assertThat(gain.getFirst().tip()).contains("q1");
        assertThat(f.marks(Role.LOSS, Mark.Circle.class)).singleElement()
                .satisfies(c -> assertThat(c.tip()).contains("q2"));
        // q3 and q4 share (1, 1): one bigger point naming both
        Mark.Circle same = f.marks(Role.POINT, Mark.Circle.class).getFirst();
        assertThat(f.marks(Role.POINT)).hasSize(1);
        assertThat(same.cx()).isCloseTo(326, within(1e-9));
        assertThat(same.cy()).isCloseTo(28, within(1e-9));
        assertThat(same.r()).isGreaterThan(gain.getFirst().r());
        assertThat(same.tip()).contains("2 queries", "q3", "q4");
        Mark.Line diagonal = f.marks(Role.REFERENCE, Mark.Line.class).getFirst();
        assertThat(List.of(diagonal.x1(), diagonal.y1(), diagonal.x2(), diagonal.y2()))
                .containsExactly(52.0, 300.0, 326.0, 28.0);
    }

    @Test
    void scatterWithNoSharedQueryShowsANote() {
        Figure f = ScatterChart.figure("t", "A", "B", new LinkedHashMap<>(Map.of("x", 1.0)),
                new LinkedHashMap<>(Map.of("y", 1.0)));
        assertThat(f.marks(Role.NOTE)).hasSize(1);
        assertThat(f.marks(Role.POINT)).isEmpty();
    }

    @Test
    void parallelCoordinatesDrawOnePathPerRunBestLastOnItsBand() {
        List<String> keys = List.of("retrieval.kind", "chunking.size");
        Figure f = ParallelCoordinates.figure("params → ndcg@10", keys, "ndcg@10", List.of(
                new ParallelCoordinates.Row("r1", Map.of("retrieval.kind", "bm25", "chunking.size", "256"), 0.40),
                new ParallelCoordinates.Row("r2", Map.of("retrieval.kind", "dense", "chunking.size", "512"), 0.60),
                new ParallelCoordinates.Row("r3", Map.of("chunking.size", "128"), 0.50),
                new ParallelCoordinates.Row("nan", Map.of("retrieval.kind", "dense"), Double.NaN)), 720, 360);
        var paths = f.marks(Role.PATH, Mark.Polyline.class);
        assertThat(paths).hasSize(3);
        assertThat(paths).extracting(Mark.Polyline::tip).containsExactly("r1: 0.400", "r3: 0.500", "r2: 0.600");
        assertThat(paths.getFirst().series()).isZero();
        assertThat(paths.getLast().series()).isEqualTo(ParallelCoordinates.BANDS - 1);
        // plot area: left 40, right 650, top 36, bottom 316; three axes at 40, 345, 650
        Mark.Polyline best = paths.getLast();
        assertThat(best.points()).extracting(Mark.Point::x).containsExactly(40.0, 345.0, 650.0);
        // kind is categorical: "—" (r3 lacks it), bm25, dense from the foot up
        assertThat(paths.get(1).points().get(0).y()).isEqualTo(316.0);
        assertThat(best.points().get(0).y()).isEqualTo(36.0);
        // chunking.size is numeric: ticks 100 … 550 (nice over 128 … 512), 512 well above 256
        assertThat(best.points().get(1).y()).isLessThan(paths.getFirst().points().get(1).y());
        // the metric axis: nice domain over 0.4 … 0.6
        Ticks t = Ticks.nice(0.4, 0.6, 5);
        assertThat(best.points().get(2).y()).isCloseTo(new LinearScale(t.min(), t.max(), 316, 36).map(0.6),
                within(1e-9));
        assertThat(f.marks(Role.TICK_LABEL, Mark.Text.class)).extracting(Mark.Text::text)
                .contains("—", "bm25", "dense");
    }

    @Test
    void parallelCoordinatesWithNoRunShowANote() {
        Figure f = ParallelCoordinates.figure("t", List.of("a"), "m", List.of());
        assertThat(f.marks(Role.NOTE)).hasSize(1);
    }
}
