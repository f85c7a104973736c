package dev.ragworkbench.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Objects;

/**
 * A Report: an exported view of one or more runs, the one model every format renders (HTML, Markdown, CSV and,
 * as is, JSON). With two or more runs, every run after the first is compared with the first.
 *
 * @param title       what the report is about, e.g. the experiment's name
 * @param generatedAt when the report was made, ISO-8601 UTC
 * @param appVersion  the version of the app that made it
 * @param metrics     the aggregate metrics shown, in column order (the union over the runs)
 * @param runs        in the order asked for; the first is the reference of the comparisons
 * @param comparisons run i + 1 against run 0, for every later run, in order
 */
@JsonPropertyOrder({"title", "generatedAt", "appVersion", "metrics", "runs", "comparisons"})
public record Report(String title, String generatedAt, String appVersion, List<String> metrics,
                     List<ReportRun> runs, List<ReportComparison> comparisons) {

    public Report {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(appVersion, "appVersion");
        metrics = List.copyOf(metrics);
        runs = List.copyOf(runs);
        comparisons = List.copyOf(comparisons);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one run");
        }
    }

    public ReportRun first() {
        return runs.getFirst();
    }
}
