package dev.ragworkbench.experiment.history;

import dev.ragworkbench.experiment.store.RunField;
import dev.ragworkbench.experiment.store.RunFilter;
import dev.ragworkbench.experiment.store.RunFilter.Op;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * An ISO-8601 value of {@code start} or {@code end}: an instant, or a whole day. A day compares as the span it
 * covers ({@code start = 2026-01-31} is any time that day, {@code start > 2026-01-31} from the next day on).
 */
record TimeValue(Instant from, Instant until) {

    static Optional<TimeValue> read(String text) {
        String t = text.strip();
        try {
            LocalDate day = LocalDate.parse(t);
            Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            return Optional.of(new TimeValue(from, day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        } catch (DateTimeParseException notADay) {
            // an instant, then
        }
        List<Function<String, Instant>> readers = List.of(Instant::parse, s -> OffsetDateTime.parse(s).toInstant(),
                s -> LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
        for (var reader : readers) {
            try {
                Instant at = reader.apply(t);
                return Optional.of(new TimeValue(at, null));
            } catch (DateTimeParseException notThisForm) {
                // try the next
            }
        }
        return Optional.empty();
    }

    RunFilter filter(RunField field, Op op) {
        if (until == null) {
            return new RunFilter.Condition(field, op, from);
        }
        return switch (op) {
            case EQ -> RunFilter.and(at(field, Op.GE, from), at(field, Op.LT, until));
            case NE -> RunFilter.or(at(field, Op.LT, from), at(field, Op.GE, until));
            case LT -> at(field, Op.LT, from);
            case LE -> at(field, Op.LT, until);
            case GT -> at(field, Op.GE, until);
            case GE -> at(field, Op.GE, from);
            case LIKE, ILIKE -> throw new IllegalStateException("like on a time was refused earlier");
        };
    }

    private static RunFilter at(RunField field, Op op, Instant when) {
        return new RunFilter.Condition(field, op, when);
    }
}
