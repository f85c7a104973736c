package dev.ragworkbench.experiment.history;

import dev.ragworkbench.experiment.history.SearchLexer.Kind;
import dev.ragworkbench.experiment.history.SearchLexer.Token;
import dev.ragworkbench.experiment.store.RunField;
import dev.ragworkbench.experiment.store.RunField.Attribute;
import dev.ragworkbench.experiment.store.RunFilter;
import dev.ragworkbench.experiment.store.RunFilter.Op;
import dev.ragworkbench.experiment.store.RunSort;
import dev.ragworkbench.experiment.store.RunStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The history's search language, read into a {@link RunFilter}: comparisons combined with {@code and},
 * {@code or}, {@code not} and parentheses ({@code not} binds tightest, then {@code and}, then {@code or}), as in
 * {@code metrics.ndcg@10 > 0.65 and (params.retrieval.kind = 'hybrid-rrf' or tags.dataset = 'scifact')}.
 *
 * <p>Keys: {@code metrics.NAME}, {@code params.KEY}, {@code tags.KEY}, and the attributes {@code status},
 * {@code name}, {@code experiment}, {@code start} (also {@code end}, {@code duration} in ms, {@code id} and the
 * run JSON's names such as {@code startedAt}). Backticks quote a key, or part of one, with other characters:
 * {@code metrics.`ndcg@10`}, {@code params.`my key`}. Operators {@code = != < <= > >=} and {@code like}
 * ({@code %} any run of characters, {@code _} one; case-insensitive). Values: a quoted string ({@code '…'} or
 * {@code "…"}), or a bare word. An unquoted value that reads as a number compares numerically (a param whose
 * value is not a number then never matches); anything else compares as text; quoting a number makes a param
 * compare it as text. {@code start} and {@code end} take ISO-8601 ({@code 2026-01-31}, {@code 2026-01-31T12:00Z};
 * without an offset UTC): a date alone stands for that whole day, so {@code start = 2026-01-31} is the day and
 * {@code start > 2026-01-31} the days after it. A comparison on a param, metric or tag a run lacks is false.
 *
 * <p>An empty query matches every run. A query that cannot be read throws {@link SearchSyntaxException} with the
 * span to mark and why.
 */
public final class HistorySearch {

    /** The keys written bare, by the name a user types. */
    private static final Map<String, Attribute> ATTRIBUTES = Map.of(
            "status", Attribute.STATUS, "name", Attribute.NAME, "experiment", Attribute.EXPERIMENT,
            "start", Attribute.STARTED_AT, "end", Attribute.ENDED_AT, "duration", Attribute.DURATION_MS,
            "id", Attribute.ID, "updated", Attribute.UPDATED_AT);
    private static final String KEYS = "metrics.NAME, params.KEY, tags.KEY, status, name, experiment or start";
    private static final String OPERATORS = "= != < <= > >= like";
    private static final Pattern NUMBER = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

    private final String query;
    private final List<Token> tokens;
    private int next;

    private HistorySearch(String query) {
        this.query = query;
        this.tokens = SearchLexer.tokens(query);
    }

    /** Reads {@code query}; blank matches every run. */
    public static RunFilter parse(String query) {
        if (query == null || query.isBlank()) {
            return RunFilter.everything();
        }
        var parser = new HistorySearch(query);
        RunFilter filter = parser.or();
        if (parser.next < parser.tokens.size()) {
            Token t = parser.tokens.get(parser.next);
            throw parser.fail(t.kind() == Kind.CLOSE ? t.error("this ')' closes no '('")
                    : t.error("expected 'and' or 'or' before " + t.shown(query)));
        }
        return filter;
    }

    /** Reads a key alone, as {@code --sort} and the column chooser name one: {@code metrics.ndcg@10}, {@code start}. */
    public static RunField key(String text) {
        var parser = new HistorySearch(text);
        if (parser.tokens.size() != 1 || parser.tokens.getFirst().kind() != Kind.WORD) {
            Token at = parser.tokens.isEmpty() ? null : parser.tokens.size() == 1 ? parser.tokens.getFirst()
                    : parser.tokens.get(1);
            throw parser.fail(at == null ? parser.atEnd("expected a key: " + KEYS)
                    : at.error("expected one key (" + KEYS + "); quote other characters in backticks"));
        }
        return parser.field(parser.tokens.getFirst());
    }

    /** Reads a sort key, {@code KEY} or {@code KEY:asc} or {@code KEY:desc}: {@code start:desc}. */
    public static RunSort sort(String text) {
        String t = text.strip();
        int colon = t.lastIndexOf(':');
        String direction = colon < 0 ? "" : t.substring(colon + 1).toLowerCase(Locale.ROOT);
        if (direction.equals("desc") || direction.equals("asc")) {
            return new RunSort(key(t.substring(0, colon)), direction.equals("desc"));
        }
        return new RunSort(key(t), false);
    }

    // ---------------------------------------------------------------------------------------------- grammar

    private RunFilter or() {
        var parts = new ArrayList<RunFilter>(List.of(and()));
        while (peekKeyword("or")) {
            next++;
            parts.add(and());
        }
        return parts.size() == 1 ? parts.getFirst() : new RunFilter.Or(parts);
    }

    private RunFilter and() {
        var parts = new ArrayList<RunFilter>(List.of(not()));
        while (peekKeyword("and")) {
            next++;
            parts.add(not());
        }
        return parts.size() == 1 ? parts.getFirst() : new RunFilter.And(parts);
    }

    private RunFilter not() {
        if (peekKeyword("not")) {
            next++;
            return RunFilter.not(not());
        }
        return primary();
    }

    private RunFilter primary() {
        if (next >= tokens.size()) {
            throw fail(atEnd(next == 0 ? "expected a comparison such as metrics.ndcg@10 > 0.5"
                    : "expected a comparison after " + tokens.get(next - 1).shown(query)));
        }
        Token t = tokens.get(next++);
        if (t.kind() == Kind.OPEN) {
            RunFilter inside = or();
            if (next >= tokens.size() || tokens.get(next).kind() != Kind.CLOSE) {
                throw fail(next >= tokens.size() ? t.error("no ')' closes this '('")
                        : tokens.get(next).error("expected 'and', 'or' or ')' before " + tokens.get(next).shown(query)));
            }
            next++;
            return inside;
        }
        if (t.kind() != Kind.WORD || t.isKeyword("and") || t.isKeyword("or")) {
            throw fail(t.error("expected a comparison (a key such as " + KEYS + ", an operator and a value), found "
                    + t.shown(query)));
        }
        return comparison(t);
    }

    private RunFilter comparison(Token keyToken) {
        RunField field = field(keyToken);
        if (next >= tokens.size()) {
            throw fail(atEnd("expected an operator (" + OPERATORS + ") after " + keyToken.shown(query)));
        }
        Token opToken = tokens.get(next++);
        Op op;
        if (opToken.isKeyword("like") || opToken.isKeyword("ilike")) {
            op = Op.ILIKE;
        } else if (opToken.kind() == Kind.OP) {
            op = Op.fromSymbol(opToken.text());
        } else {
            throw fail(opToken.error("expected an operator (" + OPERATORS + ") after " + keyToken.shown(query)
                    + ", found " + opToken.shown(query)));
        }
        if (next >= tokens.size()) {
            throw fail(atEnd("expected a value after " + opToken.shown(query)));
        }
        Token value = tokens.get(next++);
        if (value.kind() != Kind.WORD && value.kind() != Kind.STRING) {
            throw fail(value.error("expected a value after " + opToken.shown(query) + ", found " + value.shown(query)));
        }
        return new Comparison(field, op, keyToken, opToken, value).filter();
    }

    /** The field a key token names. */
    private RunField field(Token t) {
        String text = t.text();
        String lower = text.toLowerCase(Locale.ROOT);
        for (var prefix : List.of("metrics.", "metric.", "params.", "param.", "tags.", "tag.")) {
            if (lower.startsWith(prefix)) {
                String rest = text.substring(prefix.length());
                if (rest.isBlank()) {
                    throw fail(t.error("'" + prefix + "' needs a name after it, e.g. metrics.ndcg@10"));
                }
                Function<String, RunField> make = switch (prefix.charAt(0)) {
                    case 'm' -> RunField::metric;
                    case 'p' -> RunField::param;
                    default -> RunField::tag;
                };
                return make.apply(rest);
            }
        }
        String name = lower.startsWith("attributes.") ? text.substring("attributes.".length()) : text;
        Attribute a = ATTRIBUTES.get(name.toLowerCase(Locale.ROOT));
        if (a != null) {
            return RunField.attribute(a);
        }
        try {
            return RunField.attribute(Attribute.fromId(name));
        } catch (IllegalArgumentException unknown) {
            int dot = text.indexOf('.');
            throw fail(t.error(dot > 0 && !t.quoted()
                    ? "unknown key prefix '" + text.substring(0, dot + 1) + "'; use metrics., params. or tags."
                    : "unknown key " + t.shown(query) + "; use " + KEYS));
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private boolean peekKeyword(String word) {
        return next < tokens.size() && tokens.get(next).isKeyword(word);
    }

    private SearchError atEnd(String reason) {
        return new SearchError(query.stripTrailing().length(), 1, reason);
    }

    SearchSyntaxException fail(SearchError error) {
        return new SearchSyntaxException(query, error);
    }

    static boolean isNumber(String text) {
        return NUMBER.matcher(text).matches();
    }

    /** One comparison as written, turned into conditions the store understands. */
    private final class Comparison {
        private final RunField field;
        private final Op op;
        private final Token keyToken;
        private final Token opToken;
        private final Token value;

        Comparison(RunField field, Op op, Token keyToken, Token opToken, Token value) {
            this.field = field;
            this.op = op;
            this.keyToken = keyToken;
            this.opToken = opToken;
            this.value = value;
        }

        RunFilter filter() {
            String text = value.text();
            if (op.isPattern() && field.type() != RunField.Type.TEXT) {
                throw fail(opToken.error("like compares text, and " + keyToken.shown(query) + " is a "
                        + (field.type() == RunField.Type.TIME ? "time" : "number") + "; use " + "= != < <= > >="));
            }
            return switch (field.type()) {
                case NUMBER -> {
                    if (!isNumber(text.strip())) {
                        throw fail(value.error(keyToken.shown(query) + " is a number; compare it with a number, not "
                                + value.shown(query)));
                    }
                    yield new RunFilter.Condition(field, op, Double.parseDouble(text.strip()));
                }
                case TIME -> TimeValue.read(text).map(t -> t.filter(field, op)).orElseThrow(() -> fail(value.error(
                        keyToken.shown(query) + " takes an ISO-8601 date or time such as 2026-01-31 or"
                                + " 2026-01-31T12:00:00Z, not " + value.shown(query))));
                case TEXT -> new RunFilter.Condition(field, op, textValue(text));
            };
        }

        private Object textValue(String text) {
            if (op.isPattern()) {
                return text;
            }
            if (field.kind() == RunField.Kind.PARAM && value.kind() == Kind.WORD && !value.quoted() && isNumber(text)) {
                return Double.parseDouble(text);
            }
            if (field.kind() == RunField.Kind.ATTRIBUTE && field.attribute() == Attribute.STATUS) {
                try {
                    return RunStatus.fromId(text).id();
                } catch (IllegalArgumentException unknown) {
                    throw fail(value.error("unknown status " + value.shown(query) + "; use running, finished, failed"
                            + " or cancelled"));
                }
            }
            return text;
        }
    }
}
