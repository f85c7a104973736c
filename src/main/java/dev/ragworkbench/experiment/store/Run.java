package dev.ragworkbench.experiment.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.TreeMap;

/**
 * One stored run: one executed point of an experiment's grid (or a lone run with no experiment).
 *
 * @param id           e.g. {@code r-20261127-120501-3f9a}
 * @param experimentId the experiment it belongs to, or null
 * @param executionId  the execution of that experiment that ran it (one {@code run SPEC} command), or null
 * @param experiment   the experiment's name (its spec's {@code name}), or null for a lone run
 * @param statusReason why it failed or was cancelled, e.g. {@code interrupted (process 1234 ended)}; null otherwise
 * @param updatedAt    its last committed write
 * @param endedAt      when it finished, failed or was cancelled; for an interrupted run its last write; null while
 *                     running
 * @param durationMs   {@code endedAt - startedAt} in milliseconds, null while running
 * @param codeVersion  the app version that ran it ({@code dev} outside a packaged build)
 * @param params       flat dotted keys, sorted: {@code chunking.kind}, {@code retrieval.k1}
 * @param metrics      aggregate metric values by name ({@code ndcg@10}), sorted
 * @param tags         sorted by key
 * @param notes        oldest first
 * @param artifacts    by name
 */
public record Run(String id, Long experimentId, Long executionId, String experiment, String name, RunStatus status,
                  String statusReason, Instant startedAt, Instant updatedAt, Instant endedAt, Long durationMs,
                  String codeVersion,
                  RunOwner owner, SequencedMap<String, String> params, SequencedMap<String, Double> metrics,
                  SequencedMap<String, String> tags, List<RunNote> notes, List<RunArtifact> artifacts) {

    public Run {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        params = Collections.unmodifiableSequencedMap(new TreeMap<>(params));
        metrics = Collections.unmodifiableSequencedMap(new TreeMap<>(metrics));
        tags = Collections.unmodifiableSequencedMap(new TreeMap<>(tags));
        notes = List.copyOf(notes);
        artifacts = List.copyOf(artifacts);
    }

    /** How long it ran, or has been running until its last write. */
    public Duration duration() {
        return durationMs != null ? Duration.ofMillis(durationMs) : Duration.between(startedAt, updatedAt);
    }
}
