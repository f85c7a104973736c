package dev.ragworkbench.experiment.history;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a history search into tokens: parentheses, comparison operators, quoted strings and words. A word is a
 * run of anything else (so {@code metrics.ndcg@10}, {@code hybrid-rrf} and {@code 2026-01-31T12:00Z} are one
 * word each) and may hold backtick-quoted parts, which keep spaces, parentheses and operators as text.
 */
final class SearchLexer {

    enum Kind { OPEN, CLOSE, OP, STRING, WORD }

    /**
     * One token: its text as meant (quotes removed, escapes undone), where it stands in the query, and whether
     * any of it was quoted (a quoted {@code `and`} is a key, not the keyword).
     */
    record Token(Kind kind, String text, int start, int end, boolean quoted) {

        boolean isKeyword(String word) {
            return kind == Kind.WORD && !quoted && text.equalsIgnoreCase(word);
        }

        SearchError error(String reason) {
            return new SearchError(start, Math.max(1, end - start), reason);
        }

        /** How a message quotes it: as written in the query. */
        String shown(String query) {
            return "'" + query.substring(start, end) + "'";
        }
    }

    private final String query;
    private int pos;

    private SearchLexer(String query) {
        this.query = query;
    }

    static List<Token> tokens(String query) {
        return new SearchLexer(query).all();
    }

    private List<Token> all() {
        var out = new ArrayList<Token>();
        while (true) {
            while (pos < query.length() && Character.isWhitespace(query.charAt(pos))) {
                pos++;
            }
            if (pos >= query.length()) {
                return out;
            }
            out.add(next());
        }
    }

    private Token next() {
        int start = pos;
        char c = query.charAt(pos);
        switch (c) {
            case '(' -> {
                pos++;
                return new Token(Kind.OPEN, "(", start, pos, false);
            }
            case ')' -> {
                pos++;
                return new Token(Kind.CLOSE, ")", start, pos, false);
            }
            case '\'', '"' -> {
                String text = quoted(c, "string");
                return new Token(Kind.STRING, text, start, pos, true);
            }
            case '=', '!', '<', '>' -> {
                return operator(start);
            }
            default -> {
                return word(start);
            }
        }
    }

    private Token operator(int start) {
        char c = query.charAt(pos++);
        char n = pos < query.length() ? query.charAt(pos) : 0;
        String op = switch (c) {
            case '=' -> n == '=' ? "==" : "=";
            case '!' -> n == '=' ? "!=" : null;
            case '<' -> n == '=' ? "<=" : n == '>' ? "<>" : "<";
            default -> n == '=' ? ">=" : ">";
        };
        if (op == null) {
            throw fail(new SearchError(start, 1, "'!' stands only in '!='; to negate a condition write 'not'"));
        }
        pos = start + op.length();
        return new Token(Kind.OP, op, start, pos, false);
    }

    private Token word(int start) {
        var text = new StringBuilder();
        boolean quoted = false;
        while (pos < query.length()) {
            char c = query.charAt(pos);
            if (Character.isWhitespace(c) || "()=!<>'\"".indexOf(c) >= 0) {
                break;
            }
            if (c == '`') {
                text.append(quoted('`', "key"));
                quoted = true;
            } else {
                text.append(c);
                pos++;
            }
        }
        if (quoted && text.isEmpty()) {
            throw fail(new SearchError(start, pos - start, "an empty key between backticks names nothing"));
        }
        return new Token(Kind.WORD, text.toString(), start, pos, quoted);
    }

    /**
     * Reads a quoted part starting at the opening {@code quote}: a doubled quote or a backslash before it stands
     * for the quote itself, a backslash before a backslash for one backslash.
     */
    private String quoted(char quote, String what) {
        int start = pos++;
        var text = new StringBuilder();
        while (pos < query.length()) {
            char c = query.charAt(pos);
            if (c == '\\' && pos + 1 < query.length() && (query.charAt(pos + 1) == quote || query.charAt(pos + 1) == '\\')) {
                text.append(query.charAt(pos + 1));
                pos += 2;
            } else if (c == quote && pos + 1 < query.length() && query.charAt(pos + 1) == quote) {
                text.append(quote);
                pos += 2;
            } else if (c == quote) {
                pos++;
                return text.toString();
            } else {
                text.append(c);
                pos++;
            }
        }
        throw fail(new SearchError(start, query.length() - start, "this " + what + " has no closing " + quote));
    }

    private SearchSyntaxException fail(SearchError error) {
        return new SearchSyntaxException(query, error);
    }
}
