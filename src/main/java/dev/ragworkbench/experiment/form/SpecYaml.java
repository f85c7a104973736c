package dev.ragworkbench.experiment.form;

import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.experiment.spec.AnswerSetup;
import dev.ragworkbench.experiment.spec.ExperimentSpec;
import dev.ragworkbench.experiment.spec.ExperimentSpec.Beir;
import dev.ragworkbench.experiment.spec.ExperimentSpec.EvalSetSource;
import dev.ragworkbench.experiment.spec.ExperimentSpec.Ragas;
import dev.ragworkbench.experiment.spec.ExperimentSpec.Squad;
import dev.ragworkbench.experiment.spec.ExperimentSpec.Stored;
import dev.ragworkbench.experiment.spec.ExperimentSpec.Trec;
import dev.ragworkbench.experiment.spec.ModelRunSpec.ModelRef;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.index.IndexSettings;
import dev.ragworkbench.retrieval.RetrieverSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Writes a {@link SpecForm} as the YAML of {@code experiments/README.md}, in the committed specs' layout: one key
 * a line, flow mappings for sections, a block list per axis. Whatever the form lacks is left out, so reading the
 * text reports it at the place the command line would. Every value the reader could take for a number, a flag or
 * YAML syntax is quoted.
 */
public final class SpecYaml {

    /** Text YAML reads as a plain string: starts with a letter, no indicator characters, not a reserved word. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9@._/+-]*");
    private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n");

    private SpecYaml() {
    }

    /**
     * The spec text of {@code form} as a file at {@code specFile}: paths under that file's folder's grandparent
     * are written relative to its folder (so {@code experiments/x.yaml} names {@code ../../shared/data/...}, as the
     * committed specs do), others absolute.
     */
    public static String write(SpecForm form, Path specFile) {
        Path folder = specFile.toAbsolutePath().normalize().getParent();
        var y = new StringBuilder();
        y.append("name: ").append(form.name().isEmpty() ? "" : scalar(form.name())).append('\n');
        if (!form.description().isEmpty()) {
            y.append("description: ").append(quote(form.description())).append('\n');
        }
        if (form.corpus() != null) {
            y.append("corpus:  { format: ").append(form.corpus().format().id())
                    .append(", path: ").append(path(form.corpus().path(), folder)).append(" }\n");
        }
        if (form.evalSet() != null) {
            y.append("evalSet: ").append(evalSet(form.evalSet(), folder)).append('\n');
        }
        form.sample().ifPresent(s -> y.append("sample:  { n: ").append(s.n()).append(", seed: ").append(s.seed())
                .append(" }\n"));
        list(y, "chunking", form.chunkers().stream().map(SpecYaml::chunker).toList());
        list(y, "embedding", form.embedders().isEmpty() ? List.of(IndexSettings.NO_EMBEDDER)
                : form.embedders().stream().map(e -> embedder(e, folder)).toList());
        list(y, "retrieval", form.retrievers().stream().map(SpecYaml::retriever).toList());
        list(y, "metrics", form.metrics().stream().map(Metric::toString).toList());
        if (form.top() != ExperimentSpec.DEFAULT_TOP) {
            y.append("top: ").append(form.top()).append('\n');
        }
        form.answers().ifPresent(a -> answers(y, a, folder));
        if (!form.tags().isEmpty()) {
            var parts = new ArrayList<String>();
            form.tags().forEach((k, v) -> parts.add(scalar(k) + ": " + scalar(v)));
            y.append("tags: { ").append(String.join(", ", parts)).append(" }\n");
        }
        return y.toString();
    }

    /** {@code models}, then {@code prompt} and {@code judge} where they differ from the defaults. */
    private static void answers(StringBuilder y, SpecForm.Answers a, Path folder) {
        list(y, "models", a.models().stream().map(m -> model(m, folder)).toList());
        var prompt = new ArrayList<String>();
        if (a.promptFile() != null) {
            prompt.add("file: " + path(a.promptFile(), folder));
        } else if (a.prompt() != null) {
            prompt.add("template: " + quote(a.prompt()));
        }
        if (a.contextTop() != AnswerSetup.DEFAULT_CONTEXT_TOP) {
            prompt.add("contextTop: " + a.contextTop());
        }
        if (!prompt.isEmpty()) {
            y.append("prompt: { ").append(String.join(", ", prompt)).append(" }\n");
        }
        if (a.judge() != null) {
            y.append("judge:  { model: ").append(model(a.judge(), folder))
                    .append(a.judgeQuestions() == AnswerSetup.DEFAULT_QUESTIONS ? "" : ", questions: " + a.judgeQuestions())
                    .append(" }\n");
        }
    }

    /** A stored model by its name; a model the spec defines as the mapping {@code ModelSpecReader} reads. */
    private static String model(ModelRef ref, Path folder) {
        if (ref.stored() != null) {
            return scalar(ref.stored());
        }
        ChatModelSettings m = ref.inline();
        var parts = new ArrayList<String>();
        parts.add("name: " + scalar(m.name()));
        parts.add("provider: " + m.provider().id());
        if (m.baseUrl() != null) {
            parts.add("baseUrl: " + quote(m.baseUrl()));
        }
        if (m.modelId() != null) {
            parts.add("model: " + quote(m.modelId()));
        }
        if (m.predictionsFile() != null) {
            parts.add("file: " + path(m.predictionsFile(), folder));
        }
        if (m.temperature() != null) {
            parts.add("temperature: " + m.temperature());
        }
        if (m.maxTokens() != null) {
            parts.add("maxTokens: " + m.maxTokens());
        }
        if (!m.timeout().equals(ChatModelSettings.DEFAULT_TIMEOUT)) {
            parts.add("timeout: " + m.timeout().toSeconds());
        }
        if (m.concurrency() != ChatModelSettings.DEFAULT_CONCURRENCY) {
            parts.add("concurrency: " + m.concurrency());
        }
        if (m.apiKeyEnv() != null) {
            parts.add("apiKeyEnv: " + scalar(m.apiKeyEnv()));
        }
        if (m.priceInputPer1k() != null) {
            parts.add("priceInputPer1k: " + m.priceInputPer1k());
        }
        if (m.priceOutputPer1k() != null) {
            parts.add("priceOutputPer1k: " + m.priceOutputPer1k());
        }
        return "{ " + String.join(", ", parts) + " }";
    }

    /** An axis: a block list, one item a line; an empty one as {@code [ ]}, which the reader reports. */
    private static void list(StringBuilder y, String key, List<String> items) {
        if (items.isEmpty()) {
            y.append(key).append(": [ ]\n");
            return;
        }
        y.append(key).append(":\n");
        items.forEach(i -> y.append("  - ").append(i).append('\n'));
    }

    private static String evalSet(EvalSetSource source, Path folder) {
        String label = source.name() == null || source.name().equals(defaultLabel(source)) ? ""
                : ", name: " + quote(source.name());
        return switch (source) {
            case Stored s -> "{ stored: " + scalar(s.stored()) + label + " }";
            case Beir b -> "{ format: beir, queries: " + path(b.queries(), folder) + ", qrels: "
                    + path(b.qrels(), folder) + label + " }";
            case Trec t -> "{ format: trec, topics: " + path(t.topics(), folder) + ", qrels: "
                    + path(t.qrels(), folder) + label + " }";
            case Squad s -> "{ format: squad, path: " + path(s.path(), folder) + label + " }";
            case Ragas r -> "{ format: ragas, path: " + path(r.path(), folder) + label + " }";
        };
    }

    /** The label the spec reader gives an eval set that names none (see experiments/README.md). */
    public static String defaultLabel(EvalSetSource source) {
        return switch (source) {
            case Stored s -> s.stored();
            case Beir b -> folderName(b.queries()) + "/" + stem(b.qrels());
            case Trec t -> folderName(t.topics()) + "/" + stem(t.qrels());
            case Squad s -> stem(s.path());
            case Ragas r -> stem(r.path());
        };
    }

    private static String chunker(ChunkerSpec chunker) {
        var parts = new ArrayList<String>();
        parts.add("kind: " + chunker.kind().id());
        chunker.params().forEach((k, v) -> parts.add(k + ": " + v));
        return "{ " + String.join(", ", parts) + " }";
    }

    private static String retriever(RetrieverSpec retriever) {
        var parts = new ArrayList<String>();
        parts.add("kind: " + retriever.kind().id());
        new TreeMap<>(retriever.params()).forEach((k, v) -> parts.add(k + ": " + v));
        return "{ " + String.join(", ", parts) + " }";
    }

    /** A built-in name as it is; a model folder as a path. */
    private static String embedder(String embedder, Path folder) {
        return PLAIN.matcher(embedder).matches() && !embedder.contains("/") ? embedder
                : path(Path.of(embedder), folder);
    }

    private static String path(Path path, Path folder) {
        Path abs = path.toAbsolutePath().normalize();
        Path near = folder == null || folder.getParent() == null ? null : folder.getParent().getParent();
        if (near != null && abs.startsWith(near) && abs.getRoot().equals(folder.getRoot())) {
            return quote(folder.relativize(abs).toString().replace('\\', '/'));
        }
        return quote(abs.toString());
    }

    private static String scalar(String text) {
        return PLAIN.matcher(text).matches() && !RESERVED.contains(text.toLowerCase(Locale.ROOT)) ? text : quote(text);
    }

    /** A double-quoted YAML string; its escapes are JSON's. */
    static String quote(String text) {
        var q = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                case '\r' -> q.append("\\r");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }

    private static String folderName(Path file) {
        Path parent = file.getParent();
        return parent == null || parent.getFileName() == null ? "evalset" : parent.getFileName().toString();
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
