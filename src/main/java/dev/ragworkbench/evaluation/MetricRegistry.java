package dev.ragworkbench.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Every metric name the workbench stores, averages and compares, with its {@link MetricType} and what it needs.
 * Two sorts of names are registered:
 * <ul>
 *   <li>the ranking families {@code ndcg@k, recall@k, precision@k, mrr@k, map@k} (ranked) and {@code success@k}
 *       (pass/fail), computed by {@link Evaluator} exactly as trec_eval; any spelling {@link Metric#parse}
 *       accepts maps to the canonical {@code kind@k};</li>
 *   <li>fixed names such as {@code exact_match} (pass/fail) or {@code token_f1} (score), whose computation lives
 *       with the answer metrics; matched case-insensitively.</li>
 * </ul>
 * Any other name is a free metric (say {@code latency_ms}): stored as given, compared as a continuous score.
 * Immutable; {@link #with} gives a registry with one more fixed name, so later issues register theirs at the
 * composition root without editing this class.
 */
public final class MetricRegistry {

    private static final MetricRegistry STANDARD = new MetricRegistry(Map.of())
            .with("exact_match", MetricType.PASS_FAIL, MetricNeed.REFERENCE_ANSWER)
            .with("token_f1", MetricType.SCORE, MetricNeed.REFERENCE_ANSWER)
            .with("rouge_l", MetricType.SCORE, MetricNeed.REFERENCE_ANSWER)
            .with("faithfulness", MetricType.SCORE, MetricNeed.JUDGE_MODEL);

    /** Fixed names, lower case, in registration order. */
    private final Map<String, MetricInfo> fixed;

    private MetricRegistry(Map<String, MetricInfo> fixed) {
        this.fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
    }

    /** The ranking families and {@code exact_match}, {@code token_f1}, {@code rouge_l}, {@code faithfulness}. */
    public static MetricRegistry standard() {
        return STANDARD;
    }

    /**
     * This registry plus one fixed name.
     *
     * @throws IllegalArgumentException if the name is blank, has an {@code @} (cut-offs belong to the ranking
     *                                  families), or is already registered
     */
    public MetricRegistry with(String name, MetricType type, MetricNeed... needs) {
        String key = Objects.requireNonNull(name, "name").strip().toLowerCase(Locale.ROOT);
        if (key.isEmpty() || key.contains("@")) {
            throw new IllegalArgumentException("metric name '" + name + "' must be a plain name without '@'");
        }
        if (type == MetricType.RANKED) {
            throw new IllegalArgumentException("ranked metrics are the kind@k families; register '" + name
                    + "' as a score or pass/fail metric");
        }
        if (fixed.containsKey(key) || ranking(key).isPresent()) {
            throw new IllegalArgumentException("metric '" + key + "' is already registered");
        }
        var needSet = needs.length == 0 ? EnumSet.noneOf(MetricNeed.class) : EnumSet.copyOf(Arrays.asList(needs));
        var more = new LinkedHashMap<>(fixed);
        more.put(key, new MetricInfo(key, type, needSet, null, true));
        return new MetricRegistry(more);
    }

    /**
     * What is known about {@code name}; never fails for a non-blank name: a name that is neither a ranking
     * metric nor registered comes back as a free {@link MetricType#SCORE} metric.
     */
    public MetricInfo lookup(String name) {
        Objects.requireNonNull(name, "metric name");
        String stripped = name.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException("a metric name must not be blank");
        }
        return find(stripped).orElseGet(() -> MetricInfo.free(stripped));
    }

    /** The registered metric {@code name} spells, if any. */
    public Optional<MetricInfo> find(String name) {
        String stripped = name.strip();
        MetricInfo info = fixed.get(stripped.toLowerCase(Locale.ROOT));
        return info != null ? Optional.of(info) : ranking(stripped).map(MetricInfo::of);
    }

    /** The one stored spelling of a name: {@code NDCG_cut.10} → {@code ndcg@10}, {@code Exact_Match} → {@code exact_match}. */
    public String canonical(String name) {
        return lookup(name).name();
    }

    public MetricType type(String name) {
        return lookup(name).type();
    }

    /** Registered names for a picker: the families as {@code ndcg@k}, then the fixed names. */
    public List<String> known() {
        var names = new ArrayList<String>();
        for (MetricKind kind : MetricKind.values()) {
            names.add(kind.label() + "@k");
        }
        names.addAll(fixed.keySet());
        return List.copyOf(names);
    }

    /** The fixed names' descriptions, in registration order (the families are described per cut-off by lookup). */
    public List<MetricInfo> fixedMetrics() {
        return List.copyOf(fixed.values());
    }

    /** Whether {@code available} provides everything {@code name} needs. */
    public boolean computableWith(String name, Set<MetricNeed> available) {
        return available.containsAll(lookup(name).needs());
    }

    private static Optional<Metric> ranking(String name) {
        try {
            return Optional.of(Metric.parse(name));
        } catch (IllegalArgumentException notARankingMetric) {
            return Optional.empty();
        }
    }
}
