package dev.ragworkbench.experiment.history;

import dev.ragworkbench.experiment.store.RunField;
import dev.ragworkbench.experiment.store.RunFilter;
import dev.ragworkbench.experiment.store.RunFilter.Condition;
import dev.ragworkbench.experiment.store.RunFilter.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static dev.ragworkbench.experiment.store.RunFilter.and;
import static dev.ragworkbench.experiment.store.RunFilter.not;
import static dev.ragworkbench.experiment.store.RunFilter.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The search language read into filters: precedence, quoting, keys, values, and where errors point. */
class HistorySearchTest {

    private static Condition c(String field, Op op, Object value) {
        return new Condition(RunField.parse(field), op, value);
    }

    @Test
    void theIssuesExampleReadsAsWritten() {
        assertThat(HistorySearch.parse("metrics.ndcg@10 > 0.65 and (params.retrieval.kind = 'hybrid-rrf' or"
                + " tags.dataset = 'scifact')")).isEqualTo(and(c("metrics.ndcg@10", Op.GT, 0.65),
                or(c("params.retrieval.kind", Op.EQ, "hybrid-rrf"), c("tags.dataset", Op.EQ, "scifact"))));
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        var a = c("tags.a", Op.EQ, "1");
        var b = c("tags.b", Op.EQ, "2");
        var d = c("tags.d", Op.EQ, "3");
        assertThat(HistorySearch.parse("tags.a = 1 or tags.b = 2 and tags.d = 3")).isEqualTo(or(a, and(b, d)));
        assertThat(HistorySearch.parse("tags.a = 1 and tags.b = 2 or tags.d = 3")).isEqualTo(or(and(a, b), d));
        assertThat(HistorySearch.parse("not tags.a = 1 and tags.b = 2")).isEqualTo(and(not(a), b));
        assertThat(HistorySearch.parse("not (tags.a = 1 and tags.b = 2)")).isEqualTo(not(and(a, b)));
        assertThat(HistorySearch.parse("(tags.a = 1 or tags.b = 2) and tags.d = 3")).isEqualTo(and(or(a, b), d));
        assertThat(HistorySearch.parse("not not tags.a = 1")).isEqualTo(not(not(a)));
        assertThat(HistorySearch.parse("tags.a=1 OR tags.b=2 AND NOT tags.d=3")).isEqualTo(or(a, and(b, not(d))));
    }

    @Test
    void chainsOfOneWordFlatten() {
        assertThat(HistorySearch.parse("tags.a = 1 and tags.b = 2 and tags.d = 3"))
                .isEqualTo(new RunFilter.And(java.util.List.of(c("tags.a", Op.EQ, "1"), c("tags.b", Op.EQ, "2"),
                        c("tags.d", Op.EQ, "3"))));
    }

    @Test
    void blankMatchesEverything() {
        assertThat(HistorySearch.parse("  ")).isEqualTo(RunFilter.everything());
        assertThat(HistorySearch.parse(null)).isEqualTo(RunFilter.everything());
    }

    @Test
    void backticksQuoteKeysWholeOrInPart() {
        var ndcg = c("metrics.ndcg@10", Op.GE, 0.5);
        assertThat(HistorySearch.parse("metrics.`ndcg@10` >= 0.5")).isEqualTo(ndcg);
        assertThat(HistorySearch.parse("`metrics.ndcg@10` >= 0.5")).isEqualTo(ndcg);
        assertThat(HistorySearch.parse("params.`my key (v2)` = 'x'"))
                .isEqualTo(new Condition(RunField.param("my key (v2)"), Op.EQ, "x"));
        // a quoted keyword is a key, not the keyword
        assertThat(HistorySearch.parse("tags.`and` = yes")).isEqualTo(c("tags.and", Op.EQ, "yes"));
    }

    @Test
    void stringsInEitherQuoteWithEscapes() {
        assertThat(HistorySearch.parse("tags.note = \"it's fine\"")).isEqualTo(c("tags.note", Op.EQ, "it's fine"));
        assertThat(HistorySearch.parse("tags.note = 'it''s fine'")).isEqualTo(c("tags.note", Op.EQ, "it's fine"));
        assertThat(HistorySearch.parse("tags.note = 'it\\'s (a) = b'")).isEqualTo(c("tags.note", Op.EQ, "it's (a) = b"));
        assertThat(HistorySearch.parse("name = ''")).isEqualTo(c("name", Op.EQ, ""));
    }

    @Test
    void aNumberComparesNumericallyUnlessQuoted() {
        assertThat(HistorySearch.parse("params.chunking.size >= 256")).isEqualTo(c("params.chunking.size", Op.GE, 256.0));
        assertThat(HistorySearch.parse("params.chunking.size = '256'")).isEqualTo(c("params.chunking.size", Op.EQ, "256"));
        assertThat(HistorySearch.parse("params.retrieval.kind = hybrid-rrf"))
                .isEqualTo(c("params.retrieval.kind", Op.EQ, "hybrid-rrf"));
        // metrics are numbers however written; tags are text as written (1, not 1.0)
        assertThat(HistorySearch.parse("metrics.mrr@10 < '0.3'")).isEqualTo(c("metrics.mrr@10", Op.LT, 0.3));
        assertThat(HistorySearch.parse("tags.round = 1")).isEqualTo(c("tags.round", Op.EQ, "1"));
        assertThat(HistorySearch.parse("duration > 1e4")).isEqualTo(c("durationMs", Op.GT, 10_000.0));
    }

    @Test
    void likeIgnoresCase() {
        assertThat(HistorySearch.parse("name LIKE 'grid-%'")).isEqualTo(c("name", Op.ILIKE, "grid-%"));
        assertThat(HistorySearch.parse("params.embedder like %minilm%")).isEqualTo(c("params.embedder", Op.ILIKE, "%minilm%"));
    }

    @Test
    void bareAttributesAndTheirValues() {
        assertThat(HistorySearch.parse("status = FINISHED")).isEqualTo(c("status", Op.EQ, "finished"));
        assertThat(HistorySearch.parse("experiment = 'scifact quick'")).isEqualTo(c("experiment", Op.EQ, "scifact quick"));
        assertThat(HistorySearch.parse("start >= 2026-01-31T12:00:00Z"))
                .isEqualTo(c("startedAt", Op.GE, Instant.parse("2026-01-31T12:00:00Z")));
        assertThat(HistorySearch.parse("start < '2026-01-31T12:00+02:00'"))
                .isEqualTo(c("startedAt", Op.LT, Instant.parse("2026-01-31T10:00:00Z")));
        assertThat(HistorySearch.parse("startedAt < 2026-01-31T12:00"))
                .isEqualTo(c("startedAt", Op.LT, Instant.parse("2026-01-31T12:00:00Z")));
    }

    @Test
    void aDateStandsForItsWholeDay() {
        Instant day = Instant.parse("2026-01-31T00:00:00Z");
        Instant nextDay = Instant.parse("2026-02-01T00:00:00Z");
        assertThat(HistorySearch.parse("start = 2026-01-31"))
                .isEqualTo(and(c("startedAt", Op.GE, day), c("startedAt", Op.LT, nextDay)));
        assertThat(HistorySearch.parse("start != 2026-01-31"))
                .isEqualTo(or(c("startedAt", Op.LT, day), c("startedAt", Op.GE, nextDay)));
        assertThat(HistorySearch.parse("start > 2026-01-31")).isEqualTo(c("startedAt", Op.GE, nextDay));
        assertThat(HistorySearch.parse("start <= 2026-01-31")).isEqualTo(c("startedAt", Op.LT, nextDay));
        assertThat(HistorySearch.parse("start < 2026-01-31")).isEqualTo(c("startedAt", Op.LT, day));
        assertThat(HistorySearch.parse("start >= 2026-01-31")).isEqualTo(c("startedAt", Op.GE, day));
    }

    @Test
    void sortKeys() {
        assertThat(HistorySearch.sort("start:desc").toString()).isEqualTo("startedAt DESC");
        assertThat(HistorySearch.sort("metrics.`ndcg@10`").toString()).isEqualTo("metrics.ndcg@10 ASC");
        assertThat(HistorySearch.sort("params.chunking.size:ASC").toString()).isEqualTo("params.chunking.size ASC");
        assertThatThrownBy(() -> HistorySearch.sort("colour:desc")).isInstanceOf(SearchSyntaxException.class)
                .hasMessageContaining("unknown key 'colour'");
    }

    /** Each bad query, the span its error marks (as carets under it) and a part of the reason. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            colour = 'red'                     | "^^^^^^"                              | unknown key 'colour'
            metrcs.ndcg@10 > 0.5               | "^^^^^^^^^^^^^^"                      | unknown key prefix 'metrcs.'
            metrics. > 0.5                     | "^^^^^^^^"                            | needs a name
            metrics.ndcg@10 >                  | "                 ^"                  | expected a value after '>'
            metrics.ndcg@10                    | "               ^"                    | expected an operator
            metrics.ndcg@10 is 0.5             | "                ^^"                  | expected an operator
            metrics.ndcg@10 > high             | "                  ^^^^"              | is a number
            metrics.ndcg@10 > 0.5 and          | "                         ^"          | after 'and'
            metrics.ndcg@10 > 0.5 tags.a = 1   | "                      ^^^^^^"        | expected 'and' or 'or'
            (metrics.ndcg@10 > 0.5             | "^"                                   | no ')' closes this '('
            metrics.ndcg@10 > 0.5)             | "                     ^"              | closes no '('
            (metrics.ndcg@10 > 0.5 tags.a = 1) | "                       ^^^^^^"       | expected 'and', 'or' or ')'
            tags.a = 'open                     | "         ^^^^^"                      | no closing '
            tags.`a = 1                        | "     ^^^^^^"                         | no closing `
            tags.a ! 1                         | "       ^"                            | '!='
            and tags.a = 1                     | "^^^"                                 | expected a comparison
            ()                                 | " ^"                                  | expected a comparison
            start > yesterday                  | "        ^^^^^^^^^"                   | ISO-8601
            start like '2026%'                 | "      ^^^^"                          | like compares text
            status = done                      | "         ^^^^"                       | unknown status 'done'
            tags.a = (1)                       | "         ^"                          | expected a value
            """)
    void errorsMarkTheOffendingPart(String query, String carets, String reason) {
        assertThatThrownBy(() -> HistorySearch.parse(query)).isInstanceOfSatisfying(SearchSyntaxException.class, e -> {
            assertThat(e.error().reason()).contains(reason);
            assertThat(" ".repeat(e.error().offset()) + "^".repeat(e.error().length())).isEqualTo(carets);
            assertThat(e.getMessage()).startsWith("cannot read the filter at column " + (e.error().offset() + 1) + ": ");
            assertThat(e.error().caret(query)).endsWith(carets);
        });
    }

    @Test
    void emptyTextInTheErrorCaseIsAtTheEnd() {
        assertThatThrownBy(() -> HistorySearch.parse("tags.a =   ")).isInstanceOfSatisfying(SearchSyntaxException.class,
                e -> assertThat(e.error().offset()).isEqualTo("tags.a =".length()));
    }
}
