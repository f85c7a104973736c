package dev.ragworkbench.report.chart;

import dev.ragworkbench.evaluation.Comparison;
import dev.ragworkbench.evaluation.ComparisonService;
import dev.ragworkbench.evaluation.MetricRegistry;
import dev.ragworkbench.evaluation.RunValues;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SvgRendererTest {

    @Test
    void textIsEscapedAndTheSvgIsWellFormedWithoutScript() throws Exception {
        String evil = "<script>alert('x')</script> & \"q\"";
        Figure f = BarChart.figure(evil, "m", List.of(new BarChart.Bar(evil, 0.5, 0.4, 0.6, 12)), 0.5);
        String svg = SvgRenderer.standalone(f);
        assertThat(svg).doesNotContain("<script", "href", "url(").contains("&lt;script&gt;");
        Document doc = parse(svg);
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("svg");
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 480 300");
        assertThat(root.getAttribute("aria-label")).isEqualTo(evil);
        assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).isEqualTo(evil);
        // the bar of series 12 wraps onto palette colour 2; its tip is its <title>
        Element rect = (Element) doc.getElementsByTagName("rect").item(1);
        assertThat(rect.getAttribute("class")).isEqualTo("mark-bar s2");
        assertThat(rect.getElementsByTagName("title").item(0).getTextContent()).startsWith(evil);
    }

    @Test
    void coordinatesAreCompactAndLocaleFree() {
        assertThat(SvgRenderer.n(115)).isEqualTo("115");
        assertThat(SvgRenderer.n(12.345)).isEqualTo("12.35");
        assertThat(SvgRenderer.n(0.5)).isEqualTo("0.5");
        assertThat(SvgRenderer.n(-3.1)).isEqualTo("-3.1");
    }

    @Test
    void everyRoleHasAStyle() {
        for (Role role : Role.values()) {
            assertThat(SvgRenderer.stylesheet()).as(role.name()).contains("." + role.cssClass());
        }
    }

    @Test
    void comparisonBarsPutEachRunsIntervalAroundTheFirstRunsMean() {
        SequencedMap<String, Double> a = values(1, 0, 1, 0, 1, 0, 1, 0);
        SequencedMap<String, Double> b = values(1, 1, 1, 1, 1, 0, 1, 1);
        Map<String, SequencedMap<String, Double>> byRun = Map.of("A", a, "B", b);
        RunValues runs = RunValues.of(id -> Map.of(), id -> List.of("success@10"),
                (id, metric) -> byRun.get(id));
        Comparison c = new ComparisonService(runs, MetricRegistry.standard()).compare("A", "B");
        var m = c.metric("success@10");

        Figure f = ComparisonFigures.bars("success@10", List.of("bm25", "dense"), 0.5, List.of(c));
        var bars = f.marks(Role.BAR, Mark.Rect.class);
        assertThat(bars).hasSize(2);
        var stem = f.marks(Role.INTERVAL, Mark.Line.class).getFirst();
        Ticks t = Ticks.nice(0, Math.max(m.meanB(), m.meanA() + m.ciHigh()), 5);
        var y = new LinearScale(t.min(), t.max(), 260, 28);
        assertThat(stem.y1()).isCloseTo(y.map(0.5 + m.ciLow()), within(1e-9));
        assertThat(stem.y2()).isCloseTo(y.map(0.5 + m.ciHigh()), within(1e-9));
        assertThat(bars.get(1).y()).isCloseTo(y.map(0.875), within(1e-9));
        assertThat(bars.get(1).tip()).contains("Δ +0.375", "p ");
        assertThat(f.marks(Role.REFERENCE, Mark.Line.class).getFirst().y1()).isCloseTo(y.map(0.5), within(1e-9));
    }

    private static SequencedMap<String, Double> values(double... v) {
        var m = new LinkedHashMap<String, Double>();
        for (int i = 0; i < v.length; i++) {
            m.put("q" + i, v[i]);
        }
        return m;
    }

    private static Document parse(String xml) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
