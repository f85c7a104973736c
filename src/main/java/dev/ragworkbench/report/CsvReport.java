package dev.ragworkbench.report;

import java.math.BigDecimal;
import java.util.List;

/**
 * The CSV export: one row per run × query × metric, columns {@value #HEADER}, quoted as RFC 4180 says (a field
 * with a comma, quote or line break in double quotes, its quotes doubled; CRLF line ends). A value is written as
 * the shortest decimal that reads back as the same double, with no exponent; NaN as an empty field.
 */
public final class CsvReport {

    public static final String HEADER = "run_id,run_name,query_id,metric,value";
    private static final String EOL = "\r\n";

    private CsvReport() {
    }

    public static String render(Report report) {
        var out = new StringBuilder(HEADER).append(EOL);
        for (ReportRun run : report.runs()) {
            List<String> ids = run.queryIds();
            for (String query : ids) {
                for (var e : run.queryMetrics().entrySet()) {
                    Double v = e.getValue().get(query);
                    if (v == null) {
                        continue;
                    }
                    out.append(field(run.id())).append(',').append(field(run.label())).append(',')
                            .append(field(query)).append(',').append(field(e.getKey())).append(',')
                            .append(number(v)).append(EOL);
                }
            }
        }
        return out.toString();
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    static String number(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        String s = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
