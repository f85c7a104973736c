package dev.ragworkbench.experiment;

import dev.ragworkbench.index.ChunkIndex;
import dev.ragworkbench.index.StoredChunk;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.retrieval.Hit;
import dev.ragworkbench.retrieval.Retriever;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The chunks a model answers a query from: the retriever's top {@code contextTop} chunks (chunks, not documents:
 * what fits in a prompt), read from the index, and the {@code {context}} text they make: numbered from 1, each
 * with its document's title, best first.
 */
final class AnswerContexts {

    private AnswerContexts() {
    }

    /** Query id → its top chunks, for every query of {@code questions} (id → text), on both cores. */
    static SequencedMap<String, List<StoredChunk>> search(Retriever retriever, ChunkIndex index,
                                                          SequencedMap<String, String> questions, int contextTop,
                                                          ProgressListener progress, Cancellation cancel) {
        var queries = new ArrayList<>(questions.entrySet());
        var done = new AtomicInteger();
        List<List<StoredChunk>> found = IntStream.range(0, queries.size()).parallel().mapToObj(i -> {
            cancel.check();
            List<Hit> hits = retriever.search(queries.get(i).getValue(), contextTop);
            progress.progress("context", done.incrementAndGet(), queries.size());
            return hits.stream().map(h -> index.chunk(h.luceneDoc())).toList();
        }).toList();
        var out = new LinkedHashMap<String, List<StoredChunk>>();
        for (int i = 0; i < queries.size(); i++) {
            out.put(queries.get(i).getKey(), found.get(i));
        }
        return out;
    }

    /**
     * <pre>
     * [1] Title of the first chunk's document
     * the chunk's text
     *
     * [2] …
     * </pre>
     * A chunk without a title is shown without one.
     */
    static String format(List<StoredChunk> chunks) {
        var out = new StringBuilder();
        for (int i = 0; i < chunks.size(); i++) {
            StoredChunk c = chunks.get(i);
            out.append('[').append(i + 1).append(']');
            if (c.title() != null && !c.title().isBlank()) {
                out.append(' ').append(c.title().strip());
            }
            out.append('\n').append(c.text().strip()).append("\n\n");
        }
        return out.toString().strip();
    }
}
