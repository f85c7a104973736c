package dev.ragworkbench.experiment.form;

import dev.ragworkbench.experiment.spec.ExperimentSpec;
import dev.ragworkbench.experiment.spec.Problem;
import dev.ragworkbench.experiment.spec.SpecException;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Spec text checked the way {@code run} checks a file ({@link ExperimentSpec#parse}, so the same problems with
 * the same messages), each problem also placed as a span of the text for an editor to underline.
 *
 * @param spec     the spec, when the text has no problem
 * @param problems every problem, in file order
 */
public record SpecCheck(Optional<ExperimentSpec> spec, List<Located> problems) {

    public SpecCheck {
        Objects.requireNonNull(spec, "spec");
        problems = List.copyOf(problems);
    }

    /**
     * One problem and the characters it is about: from its line and column to the end of the token there.
     *
     * @param start offset of the problem's first character in the text
     * @param end   offset after its last (at least {@code start + 1} when the text has a character there)
     * @param text  what {@code run} prints for it: {@code FILE:LINE:COLUMN: message}
     */
    public record Located(Problem problem, int start, int end, String text) {
    }

    /** Checks {@code yaml} as the file {@code source} (which need not exist; relative paths resolve from its folder). */
    public static SpecCheck check(String yaml, Path source) {
        try {
            return new SpecCheck(Optional.of(ExperimentSpec.parse(yaml, source)), List.of());
        } catch (SpecException e) {
            return new SpecCheck(Optional.empty(), e.problems().stream()
                    .map(p -> locate(yaml, p, p.format(String.valueOf(source)))).toList());
        }
    }

    public boolean valid() {
        return spec.isPresent();
    }

    static Located locate(String text, Problem problem, String formatted) {
        int offset = 0;
        for (int line = 1; line < problem.line() && offset < text.length(); line++) {
            int nl = text.indexOf('\n', offset);
            offset = nl < 0 ? text.length() : nl + 1;
        }
        int lineEnd = text.indexOf('\n', offset);
        lineEnd = lineEnd < 0 ? text.length() : lineEnd;
        int start = Math.min(offset + Math.max(0, problem.column() - 1), lineEnd);
        int end = tokenEnd(text, start, lineEnd);
        if (end == start && start > offset) { // at a line's end (a missing value): mark the character before
            start--;
        }
        return new Located(problem, start, Math.max(end, Math.min(start + 1, text.length())), formatted);
    }

    /** A quoted string to its closing quote, a bracketed item to its bracket, else up to a separator. */
    private static int tokenEnd(String text, int start, int lineEnd) {
        if (start >= lineEnd) {
            return start;
        }
        char first = text.charAt(start);
        if (first == '"' || first == '\'') {
            int close = text.indexOf(first, start + 1);
            return close < 0 || close > lineEnd ? lineEnd : close + 1;
        }
        if (first == '{' || first == '[') {
            char closing = first == '{' ? '}' : ']';
            int close = text.indexOf(closing, start);
            return close < 0 || close > lineEnd ? lineEnd : close + 1;
        }
        // a plain scalar runs to a flow separator, a "key: " colon, a comment or the line's end (spaces included)
        int i = start;
        while (i < lineEnd) {
            char c = text.charAt(i);
            boolean spaceAfter = i + 1 == lineEnd || Character.isWhitespace(text.charAt(i + 1));
            if (",]}".indexOf(c) >= 0 || (c == ':' && spaceAfter)
                || (c == '#' && i > start && Character.isWhitespace(text.charAt(i - 1)))) {
                break;
            }
            i++;
        }
        while (i > start && Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
