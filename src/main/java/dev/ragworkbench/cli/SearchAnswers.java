package dev.ragworkbench.cli;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.experiment.HitAnswers;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.retrieval.compare.ColumnResult;
import dev.ragworkbench.retrieval.compare.QueryComparison;
import dev.ragworkbench.retrieval.compare.SideBySideSearch;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Locale;

/**
 * {@code search --query TEXT --answer MODEL}: after the columns, each column's answer by the model from that
 * column's top hits, streamed as it arrives: the Retrieval pane's Answer button, on the same core call
 * ({@link HitAnswers}).
 */
final class SearchAnswers {

    private SearchAnswers() {
    }

    /** The stored model that will answer, checked before anything is searched. */
    static ChatModelSettings model(Workbench bench, String name) {
        ChatModelSettings model;
        try {
            model = bench.chatModel(name);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--answer: " + e.getMessage(), e);
        }
        if (!model.answersNewPrompts()) {
            throw new BadInputException("--answer: model " + name + " is a predictions file, which cannot answer a"
                    + " typed question; give a model with an endpoint (Ollama or OpenAI-compatible)");
        }
        return model;
    }

    /**
     * Prints each column's answer, one after the other; a column that could not be answered is reported and the
     * command fails (exit 1) once all have been tried.
     */
    static void print(PrintWriter out, Workbench bench, SideBySideSearch search, QueryComparison found, String model) {
        var answers = bench.hitAnswers();
        out.printf(Locale.ROOT, "%nAnswers of %s from each column's top %d hits:%n", model, HitAnswers.CONTEXT_TOP);
        var failed = new ArrayList<String>();
        for (int i = 0; i < found.columns().size(); i++) {
            ColumnResult c = found.columns().get(i);
            out.printf(Locale.ROOT, "%n%d: %s%n", i + 1, c.column().label());
            out.flush();
            if (c.hits().isEmpty()) {
                out.println("(no hits to answer from)");
                continue;
            }
            var answer = answers.answer(found.query(), search.chunks(c, HitAnswers.CONTEXT_TOP), model, piece -> {
                out.print(piece);
                out.flush();
            }, Cancellation.none());
            if (answer.ok()) {
                var r = answer.reply();
                out.printf(Locale.ROOT, "%n(%s %,d ms%s)%n", r.cached() ? "from the call cache, first answered in"
                        : "answered in", r.latencyMs(), r.inputTokens() < 0 ? "" : String.format(Locale.ROOT,
                        " · %,d tokens in, %,d out", r.inputTokens(), r.outputTokens()));
            } else {
                out.printf(Locale.ROOT, "did not answer: %s%n", answer.reason());
                failed.add((i + 1) + ": " + answer.reason());
            }
        }
        out.flush();
        if (!failed.isEmpty()) {
            throw new GateFailedException("model " + model + " did not answer for column " + String.join("; column ",
                    failed));
        }
    }
}
