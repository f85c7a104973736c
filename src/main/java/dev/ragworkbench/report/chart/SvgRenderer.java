package dev.ragworkbench.report.chart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A {@link Figure} as inline SVG: no script, no external reference, every text escaped. A mark's role becomes
 * its CSS class ({@link Role#cssClass()}) and its series the class {@code s0}…{@code s9} (modulo
 * {@value #PALETTE}), styled by {@link #stylesheet()}; a mark's tip becomes its {@code <title>}, which browsers
 * show on hover. The SVG carries no ids, so any number of figures can share one page.
 */
public final class SvgRenderer {

    /** Series colours the stylesheet defines; series indexes wrap around. */
    public static final int PALETTE = 10;

    private static final String CSS = load("chart.css");

    private SvgRenderer() {
    }

    /** The CSS that gives roles and series their look; the HTML report inlines it once. */
    public static String stylesheet() {
        return CSS;
    }

    /** The figure as an {@code <svg>} element for a page that includes {@link #stylesheet()}. */
    public static String render(Figure figure) {
        return render(figure, false);
    }

    /** The figure as a standalone SVG document, its stylesheet inside it. */
    public static String standalone(Figure figure) {
        return render(figure, true);
    }

    private static String render(Figure f, boolean withStyle) {
        var out = new StringBuilder(256 + f.marks().size() * 96);
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
                .append(n(f.width())).append(' ').append(n(f.height())).append("\" width=\"").append(n(f.width()))
                .append("\" height=\"").append(n(f.height())).append("\" aria-label=\"")
                .append(escape(f.title())).append("\">");
        out.append("<title>").append(escape(f.title())).append("</title>");
        out.append("<desc>").append(escape(f.description())).append("</desc>");
        if (withStyle) {
            out.append("<style>").append(CSS).append("</style>");
        }
        for (Mark m : f.marks()) {
            mark(out, m);
        }
        return out.append("</svg>").toString();
    }

    private static void mark(StringBuilder out, Mark m) {
        String cls = m.role().cssClass() + " s" + Math.floorMod(m.series(), PALETTE);
        switch (m) {
            case Mark.Rect r -> {
                out.append("<rect class=\"").append(cls).append("\" x=\"").append(n(r.x())).append("\" y=\"")
                        .append(n(r.y())).append("\" width=\"").append(n(r.width())).append("\" height=\"")
                        .append(n(r.height())).append('"');
                close(out, "rect", r.tip());
            }
            case Mark.Line l -> {
                out.append("<line class=\"").append(cls).append("\" x1=\"").append(n(l.x1())).append("\" y1=\"")
                        .append(n(l.y1())).append("\" x2=\"").append(n(l.x2())).append("\" y2=\"")
                        .append(n(l.y2())).append('"');
                close(out, "line", l.tip());
            }
            case Mark.Circle c -> {
                out.append("<circle class=\"").append(cls).append("\" cx=\"").append(n(c.cx())).append("\" cy=\"")
                        .append(n(c.cy())).append("\" r=\"").append(n(c.r())).append('"');
                close(out, "circle", c.tip());
            }
            case Mark.Polyline p -> {
                out.append("<polyline class=\"").append(cls).append("\" points=\"");
                for (int i = 0; i < p.points().size(); i++) {
                    Mark.Point pt = p.points().get(i);
                    out.append(i == 0 ? "" : " ").append(n(pt.x())).append(',').append(n(pt.y()));
                }
                out.append('"');
                close(out, "polyline", p.tip());
            }
            case Mark.Text t -> {
                out.append("<text class=\"").append(cls).append("\" x=\"").append(n(t.x())).append("\" y=\"")
                        .append(n(t.y())).append("\" text-anchor=\"").append(switch (t.anchor()) {
                            case START -> "start";
                            case MIDDLE -> "middle";
                            case END -> "end";
                        }).append('"');
                if (t.rotate() != 0) {
                    out.append(" transform=\"rotate(").append(n(t.rotate())).append(' ').append(n(t.x()))
                            .append(' ').append(n(t.y())).append(")\"");
                }
                out.append('>');
                if (!t.tip().isEmpty() && !t.tip().equals(t.text())) {
                    out.append("<title>").append(escape(t.tip())).append("</title>");
                }
                out.append(escape(t.text())).append("</text>");
            }
        }
    }

    private static void close(StringBuilder out, String element, String tip) {
        if (tip.isEmpty()) {
            out.append("/>");
        } else {
            out.append("><title>").append(escape(tip)).append("</title></").append(element).append('>');
        }
    }

    /** Text for SVG/XML content and attributes: the five markup characters as entities, control characters dropped. */
    public static String escape(String text) {
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A coordinate with at most two decimals and no exponent or locale comma. */
    static String n(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("a figure coordinate is not finite: " + v);
        }
        double r = Math.round(v * 100) / 100.0;
        if (r == Math.rint(r)) {
            return Long.toString((long) r);
        }
        return String.format(Locale.ROOT, "%.2f", r).replaceFirst("0$", "");
    }

    private static String load(String name) {
        try (InputStream in = SvgRenderer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("chart stylesheet " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
