package dev.ragworkbench.cli;

import dev.ragworkbench.format.Formats;
import dev.ragworkbench.format.TextTable;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.evaluation.EvalSetReader;
import dev.ragworkbench.evaluation.Rankings;
import dev.ragworkbench.evaluation.ScoredDoc;
import dev.ragworkbench.evaluation.TrecRunFile;
import dev.ragworkbench.index.ChunkIndex;
import dev.ragworkbench.retrieval.DocumentRanking;
import dev.ragworkbench.retrieval.Hit;
import dev.ragworkbench.retrieval.Retriever;
import dev.ragworkbench.retrieval.RetrieverSpec;
import dev.ragworkbench.retrieval.SearchReport;
import dev.ragworkbench.retrieval.SearchRequest;
import dev.ragworkbench.retrieval.SearchResult;
import dev.ragworkbench.retrieval.SearchTimings;
import dev.ragworkbench.report.JsonOutput;
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

/** {@code search}: one query, or a file of queries, against an index. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Search an index with one query or a file of queries.")
final class SearchCommand implements Runnable {

    @Mixin
    WorkspaceOptions options;

    @Option(names = "--index", paramLabel = "NAME", description = "Index to search (default: the most recently built).")
    String index;

    @Option(names = "--retriever", required = true, paramLabel = "SPEC",
            description = "bm25, bm25:k1=1.2,b=0.75, dense, dense:exact=true, hybrid-rrf:k=60,depth=100, "
                    + "hybrid-weighted:alpha=0.3.")
    String retriever;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Queries queries;

    static final class Queries {
        @Option(names = "--query", paramLabel = "TEXT", description = "One query.")
        String text;
        @Option(names = "--queries", paramLabel = "FILE.jsonl", description = "Queries as BEIR JSONL {\"_id\",\"text\"}.")
        Path file;
    }

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Documents per query (default 10).")
    int top;

    @Option(names = "--trec-out", paramLabel = "FILE", description = "Write a TREC run file (documents by best chunk).")
    Path trecOut;

    @Option(names = "--json", description = "Print JSON (with --query).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        if (top < 1) {
            throw new BadInputException("--top must be at least 1");
        }
        var retrieverSpec = RetrieverSpec.parse(retriever);
        var out = spec.commandLine().getOut();
        try (var bench = options.open(); ChunkIndex idx = bench.openIndex(index)) {
            Retriever r = bench.retriever(idx, retrieverSpec);
            Map<String, String> queryTexts = queryTexts();
            var run = Rankings.builder(retrieverSpec.toString());
            SearchResult single = new SearchResult(List.of(), SearchTimings.NONE);
            for (var q : queryTexts.entrySet()) {
                SearchResult result = DocumentRanking.topDocuments(r, SearchRequest.of(q.getValue(), top),
                        idx.info().chunks());
                run.add(q.getKey(), result.hits().stream().map(h -> new ScoredDoc(h.documentId(), h.score())).toList());
                single = result;
            }
            if (trecOut != null) {
                TrecRunFile.write(run.build(), trecOut);
            }
            if (queries.text != null) {
                printHits(out, idx, queries.text, single);
            } else if (trecOut == null) {
                TrecRunFile.write(run.build(), out);
                out.flush();
            } else {
                out.printf(Locale.ROOT, "Searched %d queries; run written to %s.%n", queryTexts.size(), trecOut);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
