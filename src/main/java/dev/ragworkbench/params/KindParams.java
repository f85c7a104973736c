package dev.ragworkbench.params;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.SequencedMap;
import java.util.stream.Collectors;

/**
 * A strategy as users write it: a kind plus named parameters, {@code kind[:name=value,...]}, e.g.
 * {@code fixed:size=200,overlap=40} or {@code bm25:k1=1.2,b=0.75}. The one parser of that form: chunkers,
 * retrievers and the spec's mapping form ({@code {kind: fixed, size: 200}}) all go through here, so the text and
 * its errors read alike everywhere; each kind then checks its own names and values.
 *
 * @param kind   the kind as written (stripped), not yet checked
 * @param params parameter name (lower-cased) → value as written (stripped), in the order given
 */
public record KindParams(String kind, SequencedMap<String, String> params) {

    public KindParams {
        params = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(params));
    }

    /**
     * Splits {@code text} into its kind and parameters. {@code what} names the strategy in messages
     * ({@code chunker}, {@code retriever}). A parameter without {@code =} or given twice is an error.
     */
    public static KindParams parse(String text, String what) {
        String s = text == null ? "" : text.strip();
        int colon = s.indexOf(':');
        String kind = (colon < 0 ? s : s.substring(0, colon)).strip();
        var params = new LinkedHashMap<String, String>();
        if (colon >= 0) {
            for (String item : s.substring(colon + 1).split(",", -1)) {
                int eq = item.indexOf('=');
                String name = eq < 0 ? "" : item.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    throw new IllegalArgumentException(
                            "expected name=value but got '" + item.strip() + "' in " + what + " spec '" + s + "'");
                }
                if (params.putIfAbsent(name, item.substring(eq + 1).strip()) != null) {
                    throw new IllegalArgumentException("parameter '" + name + "' given twice in '" + s + "'");
                }
            }
        }
        return new KindParams(kind, params);
    }

    /**
     * The message for a parameter {@code name} that {@code what} of {@code kind} does not take; {@code valid}
     * lists the names it takes, in the order to show them.
     */
    public static String unknownParameter(String what, String kind, String name, Collection<String> valid) {
        return valid.isEmpty()
                ? what + " '" + kind + "' takes no parameters, got '" + name + "'"
                : "unknown parameter '" + name + "' for " + what + " '" + kind + "'; valid parameters: "
                  + String.join(", ", valid);
    }

    /** {@code kind[:name=value,...]}, parameters in their order here; parses back to an equal value. */
    @Override
    public String toString() {
        return params.isEmpty() ? kind : kind + ":" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
