package dev.ragworkbench.cli;

import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.evaluation.EvalSetReader;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.evaluation.MalformedFileException;
import dev.ragworkbench.evaluation.Rankings;
import dev.ragworkbench.evaluation.ScoredDoc;
import dev.ragworkbench.evaluation.TrecRunFile;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.format.TextTable;
import dev.ragworkbench.index.ChunkIndex;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.report.JsonOutput;
import dev.ragworkbench.retrieval.DocumentRanking;
import dev.ragworkbench.retrieval.Hit;
import dev.ragworkbench.retrieval.Retriever;
import dev.ragworkbench.retrieval.RetrieverSpec;
import dev.ragworkbench.retrieval.SearchReport;
import dev.ragworkbench.retrieval.SearchRequest;
import dev.ragworkbench.retrieval.SearchResult;
import dev.ragworkbench.retrieval.SearchTimings;
import dev.ragworkbench.retrieval.compare.Column;
import dev.ragworkbench.retrieval.compare.ComparisonRuns;
import dev.ragworkbench.retrieval.compare.EvalComparison;
import dev.ragworkbench.retrieval.compare.EvalSetComparison;
import dev.ragworkbench.retrieval.compare.SideBySideSearch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code search}: one query, a file of queries or an eval set, through one retriever or several side by side
 * (the Retrieval pane's twin: the same {@code retrieval.compare} core calls).
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Search indexes with one query, a file of queries or an eval set; several --retriever "
                + "options compare retrievers side by side (with qrels: metrics and paired statistics).")
final class SearchCommand implements Runnable {

    @Mixin
    WorkspaceOptions options;

    @Option(names = "--index", paramLabel = "NAME", description = "Index to search (default: the most recently built); "
            + "repeatable: the n-th retriever searches the n-th index, or the last one given.")
    List<String> indexes = new ArrayList<>();

    @Option(names = "--adapter", paramLabel = "RUN_ID", description = "An embedding adapter (the run id finetune "
            + "printed) for the query vectors; repeatable like --index: the n-th retriever uses the n-th, or the "
            + "last one given; 'none' for a column without.")
    List<String> adapters = new ArrayList<>();

    @Option(names = "--retriever", required = true, paramLabel = "SPEC",
            description = "bm25, bm25:k1=1.2,b=0.75, dense, dense:exact=true, hybrid-rrf:k=60,depth=100, "
                    + "hybrid-weighted:alpha=0.3; repeatable (up to 4), the first is the one the others are compared with.")
    List<String> retrievers = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Queries queries;

    static final class Queries {
        @Option(names = "--query", paramLabel = "TEXT", description = "One query.")
        String text;
        @Option(names = "--queries", paramLabel = "FILE.jsonl", description = "Queries as BEIR JSONL {\"_id\",\"text\"}.")
        Path file;
    }

    @Option(names = "--qrels", paramLabel = "FILE", description = "Judgments (BEIR TSV or TREC qrels) for --queries: "
            + "prints metrics per retriever.")
    Path qrels;

    @Mixin
    EvalSetOption evalSet;

    @Option(names = "--metrics", paramLabel = "LIST", defaultValue = "ndcg@10",
            description = "With qrels: metrics to print, e.g. ndcg@10,recall@100 (default ${DEFAULT-VALUE}).")
    String metrics;

    @Option(names = "--top", paramLabel = "N", description = "Documents per query (default 10; 1000 with qrels).")
    Integer top;

    @Option(names = "--trec-out", paramLabel = "FILE", description = "Write a TREC run file (documents by best chunk); "
            + "one retriever only.")
    Path trecOut;

    @Option(names = "--trec-dir", paramLabel = "DIR", description = "Write one TREC run file per retriever here "
            + "(<n>-<retriever>.trec, or <runId>.trec with --save).")
    Path trecDir;

    @Option(names = "--save", description = "With qrels: record each retriever as a run of one comparison.")
    boolean save;

    @Option(names = "--explain", description = "With --query: add each hit's BM25 explanation, term by term.")
    boolean explain;

    @Option(names = "--json", description = "Print JSON (with --query or with qrels).")
    boolean json;

    @Option(names = "--answer", paramLabel = "MODEL", description = "With --query: then each retriever's answer by "
            + "this stored chat model from its top 5 hits, with the answer specs' prompt (streamed; exit 1 when one "
            + "could not be answered).")
    String answer;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        List<Column> columns = columns();
        boolean judged = evalSet.isSet() || qrels != null;
        if (queries == null && !evalSet.isSet()) {
            throw new BadInputException("give --query TEXT, --queries FILE or --evalset NAME");
        }
        if (trecOut != null && columns.size() != 1) {
            throw new BadInputException("--trec-out writes one retriever's run; with " + columns.size()
                    + " retrievers use --trec-dir DIR");
        }
        if (save && !judged) {
            throw new BadInputException("--save records metrics, so it needs --qrels FILE or --evalset NAME");
        }
        if (qrels != null && (queries == null || queries.file == null)) {
            throw new BadInputException("--qrels judges the queries of --queries FILE; give both");
        }
        if (evalSet.isSet() && queries != null) {
            throw new BadInputException("--evalset brings its own queries; leave out --query and --queries");
        }
        if (answer != null && (queries == null || queries.text == null || json)) {
            throw new BadInputException("--answer answers one typed query in text: give --query TEXT, without --json");
        }
        var out = spec.commandLine().getOut();
        try (var bench = options.open(); var search = new SideBySideSearch(bench)) {
            if (judged) {
                EvalSet set = evalSet.isSet() ? evalSet.resolve(bench) : readEvalSet();
                var metricList = parseMetrics();
                var progress = new TerminalProgress(spec.commandLine().getErr());
                EvalComparison result = new EvalSetComparison(search, bench.comparisons()).run(
                        new EvalSetComparison.Request(set, columns, metricList, depth(true)), progress,
                        Cancellation.none());
                progress.closeLine();
                List<String> runIds = save ? ComparisonRuns.save(bench.runs(), result, "search") : List.of();
                writeRuns(result, runIds);
                SearchOutput.evaluation(out, result, json);
                if (save) {
                    spec.commandLine().getErr().printf(Locale.ROOT, "Saved %s: %s%n",
                            Formats.counted(runIds.size(), "run"), String.join(" ", runIds));
                }
            } else if (queries.text != null && (columns.size() > 1 || explain || answer != null)) {
                String model = answer == null ? null : SearchAnswers.model(bench, answer).name();
                var found = search.search(queries.text, columns, Cancellation.none());
                SearchOutput.columns(out, found, explain ? search : null, json);
                if (trecOut != null) {
                    var c = found.columns().getFirst();
                    var run = Rankings.builder(c.column().retriever().toString());
                    run.add("q1", c.hits().stream().map(h -> new ScoredDoc(h.docId(), h.score())).toList());
                    TrecRunFile.write(run.build(), trecOut);
                }
                if (model != null) {
                    SearchAnswers.print(out, bench, search, found, model);
                }
            } else if (columns.size() == 1) {
                single(out, bench, columns.getFirst());
            } else {
                several(out, search, columns);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Column> columns() {
        if (retrievers.size() > SideBySideSearch.MAX_COLUMNS) {
            throw new BadInputException("at most " + SideBySideSearch.MAX_COLUMNS + " retrievers side by side, not "
                    + retrievers.size());
        }
        if (indexes.size() > retrievers.size()) {
            throw new BadInputException(indexes.size() + " --index options for " + retrievers.size()
                    + " retrievers: give at most one index per retriever");
        }
        int n = depth(evalSet.isSet() || qrels != null);
        var columns = new ArrayList<Column>();
        for (int i = 0; i < retrievers.size(); i++) {
            String index = indexes.isEmpty() ? null : indexes.get(Math.min(i, indexes.size() - 1));
            RetrieverSpec r;
            try {
                r = RetrieverSpec.parse(retrievers.get(i));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--retriever " + retrievers.get(i) + ": " + e.getMessage(), e);
            }
            String adapter = adapters.isEmpty() ? null : adapters.get(Math.min(i, adapters.size() - 1));
            try {
                columns.add(new Column(index, r, n, adapter == null || adapter.equals("none") ? null : adapter));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--retriever " + retrievers.get(i) + ": " + e.getMessage(), e);
            }
        }
        return columns;
    }

    private int depth(boolean judged) {
        int n = top != null ? top : judged ? 1000 : 10;
        if (n < 1) {
            throw new BadInputException("--top must be at least 1");
        }
        return n;
    }

    private List<Metric> parseMetrics() {
        try {
            var list = Metric.parseList(metrics);
            if (list.isEmpty()) {
                throw new BadInputException("--metrics names no metric");
            }
            return list;
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--metrics: " + e.getMessage(), e);
        }
    }

    private EvalSet readEvalSet() throws IOException {
        if (!Files.isRegularFile(queries.file)) {
            throw new BadInputException("queries file " + queries.file + " does not exist");
        }
        if (!Files.isRegularFile(qrels)) {
            throw new BadInputException("qrels file " + qrels + " does not exist");
        }
        try {
            return EvalSetReader.beir(queries.file.getFileName().toString(), queries.file, qrels);
        } catch (MalformedFileException | IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /** {@code --trec-dir}: one file per column; {@code --trec-out}: the one column's. */
    private void writeRuns(EvalComparison result, List<String> runIds) throws IOException {
        if (trecOut != null) {
            TrecRunFile.write(result.first().rankings(), trecOut);
        }
        if (trecDir != null) {
            Files.createDirectories(trecDir);
            for (int i = 0; i < result.columns().size(); i++) {
                var c = result.columns().get(i);
                String name = runIds.isEmpty() ? ComparisonRuns.slug(i + 1, c.column()) : runIds.get(i);
                TrecRunFile.write(c.rankings(), trecDir.resolve(name + ".trec"));
            }
        }
    }

    /** One retriever without qrels: the command as it always was. */
    private void single(PrintWriter out, dev.ragworkbench.app.Workbench bench, Column column) throws IOException {
        try (ChunkIndex idx = bench.openIndex(column.index())) {
            Retriever r = bench.retriever(idx, column.retriever(), column.adapter());
            Map<String, String> queryTexts = queryTexts();
            var run = Rankings.builder(column.retriever().toString());
            SearchResult last = new SearchResult(List.of(), SearchTimings.NONE);
            for (var q : queryTexts.entrySet()) {
                SearchResult result = DocumentRanking.topDocuments(r, SearchRequest.of(q.getValue(), column.top()),
                        idx.info().chunks());
                run.add(q.getKey(), result.hits().stream().map(h -> new ScoredDoc(h.documentId(), h.score())).toList());
                last = result;
            }
            if (trecOut != null) {
                TrecRunFile.write(run.build(), trecOut);
            }
            if (trecDir != null) {
                Files.createDirectories(trecDir);
                TrecRunFile.write(run.build(), trecDir.resolve(ComparisonRuns.slug(1, column) + ".trec"));
            }
            if (queries.text != null) {
                printHits(out, idx, queries.text, last);
            } else if (trecOut == null && trecDir == null) {
                TrecRunFile.write(run.build(), out);
            } else {
                out.printf(Locale.ROOT, "Searched %d queries; run written to %s.%n", queryTexts.size(),
                        trecOut != null ? trecOut : trecDir);
            }
        }
    }

    /** Several retrievers over a file of queries without qrels: one run file each in {@code --trec-dir}. */
    private void several(PrintWriter out, SideBySideSearch search, List<Column> columns) throws IOException {
        if (trecDir == null) {
            throw new BadInputException("several retrievers over --queries without qrels write one run file each: "
                    + "give --trec-dir DIR (or --qrels FILE for metrics)");
        }
        Map<String, String> queryTexts = queryTexts();
        var runs = new ArrayList<Rankings.Builder>();
        columns.forEach(c -> runs.add(Rankings.builder(c.retriever().toString())));
        for (var q : queryTexts.entrySet()) {
            var found = search.search(q.getValue(), columns, Cancellation.none());
            for (int i = 0; i < columns.size(); i++) {
                runs.get(i).add(q.getKey(), found.columns().get(i).hits().stream()
                        .map(h -> new ScoredDoc(h.docId(), h.score())).toList());
            }
        }
        Files.createDirectories(trecDir);
        for (int i = 0; i < columns.size(); i++) {
            TrecRunFile.write(runs.get(i).build(), trecDir.resolve(ComparisonRuns.slug(i + 1, columns.get(i)) + ".trec"));
        }
        out.printf(Locale.ROOT, "Searched %d queries with %d retrievers; runs written to %s.%n", queryTexts.size(),
                columns.size(), trecDir);
    }

    private Map<String, String> queryTexts() throws IOException {
        if (queries.text != null) {
            var one = new LinkedHashMap<String, String>();
            one.put("q1", queries.text);
            return one;
        }
        if (!Files.isRegularFile(queries.file)) {
            throw new BadInputException("queries file " + queries.file + " does not exist");
        }
        return EvalSetReader.queries(queries.file);
    }

    private void printHits(PrintWriter out, ChunkIndex idx, String query, SearchResult result) {
        if (json) {
            out.println(JsonOutput.write(SearchReport.of(idx, query, result)));
            return;
        }
        var rows = new ArrayList<List<String>>();
        rows.add(List.of("rank", "document", "chunk", "score", "title", "snippet"));
        for (Hit h : result.hits()) {
            var chunk = idx.chunk(h.luceneDoc());
            rows.add(List.of(Integer.toString(h.rank()), h.documentId(), Integer.toString(h.ordinal()),
                    Formats.metric(h.score()), snippet(chunk.title(), 40), snippet(chunk.text(), 80)));
        }
        out.print(TextTable.of(rows, 0, 2, 3));
    }

    static String snippet(String text, int max) {
        return SearchReport.snippet(text, max);
    }
}
