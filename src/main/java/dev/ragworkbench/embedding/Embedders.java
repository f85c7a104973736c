package dev.ragworkbench.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.SequencedMap;

/** Opens embedders by name: the bundled models, or a folder holding the user's own ONNX model. */
public final class Embedders {

    public static final String DEFAULT = "all-minilm-l6-v2";

    /** The tail of BGE's query instruction; documents are embedded without it. */
    static final String BGE_QUERY_PREFIX = "Represent this sentence for searching relevant passages: ";

    /** Used when neither the tokenizer nor the model's config files state a limit: the BERT position count. */
    static final int FALLBACK_MAX_TOKENS = 512;

    /**
     * Limits are those the models were trained with, not LangChain4j's tokenizer.json (128 for every model):
     * MiniLM's sentence-transformers config says 256, BGE's 512.
     */
    private static final SequencedMap<String, ModelSpec> BUILT_IN = builtIn();

    private static SequencedMap<String, ModelSpec> builtIn() {
        var specs = new LinkedHashMap<String, ModelSpec>();
        specs.put("all-minilm-l6-v2", bundled("all-minilm-l6-v2", 256, Pooling.MEAN, ""));
        specs.put("all-minilm-l6-v2-q", bundled("all-minilm-l6-v2-q", 256, Pooling.MEAN, ""));
        specs.put("bge-small-en-v1.5-q", bundled("bge-small-en-v1.5-q", 512, Pooling.CLS, BGE_QUERY_PREFIX));
        return Collections.unmodifiableSequencedMap(specs);
    }

    private static ModelSpec bundled(String name, int maxTokens, Pooling pooling, String queryPrefix) {
        return new ModelSpec(name, ModelSpec.Source.resource("/" + name + ".onnx"),
                ModelSpec.Source.resource("/" + name + "-tokenizer.json"), maxTokens, pooling, queryPrefix);
    }

    private Embedders() {
    }

    /** Names of the bundled models, the default first. */
    public static List<String> knownNames() {
        return List.copyOf(BUILT_IN.keySet());
    }

    /** Opens a bundled model by name, or the model in a folder ({@code model.onnx} + {@code tokenizer.json}). */
    public static OnnxEmbedder open(String nameOrFolder) {
        return OnnxEmbedder.open(spec(nameOrFolder));
    }

    public static OnnxEmbedder open(String nameOrFolder, OnnxEmbedder.Threading threading) {
        return OnnxEmbedder.open(spec(nameOrFolder), threading);
    }

    /** Whether {@code spec} is one of the bundled models exactly as {@link #spec(String)} gives it. */
    static boolean isBundled(ModelSpec spec) {
        return spec.equals(BUILT_IN.get(spec.name()));
    }

    /** What {@link #open(String)} would load, without loading it. */
    public static ModelSpec spec(String nameOrFolder) {
        ModelSpec builtIn = BUILT_IN.get(nameOrFolder.trim().toLowerCase(Locale.ROOT));
        if (builtIn != null) {
            return builtIn;
        }
        Path folder = asFolder(nameOrFolder);
        if (folder != null) {
            return folderSpec(folder);
        }
        throw new IllegalArgumentException("unknown embedder '" + nameOrFolder + "'; use one of "
                + String.join(", ", knownNames()) + ", or a folder holding model.onnx and tokenizer.json");
    }

    private static Path asFolder(String nameOrFolder) {
        try {
            Path path = Path.of(nameOrFolder);
            return Files.isDirectory(path) ? path : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * A user's model folder: {@code model.onnx} and {@code tokenizer.json}, optionally with the usual Hugging Face
     * side files, read for the two things the ONNX file does not say:
     * <ul>
     * <li>max tokens: {@code sentence_bert_config.json} {@code max_seq_length} (what sentence-transformers trained
     * with), else the tokenizer's truncation, else {@code tokenizer_config.json}/{@code config.json}
     * {@code model_max_length}, else 512; never above {@code config.json} {@code max_position_embeddings};</li>
     * <li>pooling: CLS if {@code 1_Pooling/config.json} says {@code pooling_mode_cls_token}, else mean.</li>
     * </ul>
     */
    public static ModelSpec folderSpec(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        Path model = dir.resolve("model.onnx");
        Path tokenizer = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(model) || !Files.isRegularFile(tokenizer)) {
            throw new IllegalArgumentException("embedding model folder " + dir
                    + " must contain model.onnx and tokenizer.json");
        }
        JsonNode tokenizerJson = readJson(tokenizer);
        JsonNode tokenizerConfig = readJson(dir.resolve("tokenizer_config.json"));
        JsonNode config = readJson(dir.resolve("config.json"));
        int maxTokens = firstOf(
                positiveInt(readJson(dir.resolve("sentence_bert_config.json")).path("max_seq_length")),
                positiveInt(tokenizerJson.path("truncation").path("max_length")),
                positiveInt(tokenizerConfig.path("model_max_length")),
                positiveInt(config.path("model_max_length"))).orElse(FALLBACK_MAX_TOKENS);
        OptionalInt positions = positiveInt(config.path("max_position_embeddings"));
        if (positions.isPresent()) {
            maxTokens = Math.min(maxTokens, positions.getAsInt());
        }
        Pooling pooling = readJson(dir.resolve("1_Pooling/config.json")).path("pooling_mode_cls_token").asBoolean()
                ? Pooling.CLS : Pooling.MEAN;
        return new ModelSpec(folderName(dir), ModelSpec.Source.file(model), ModelSpec.Source.file(tokenizer),
                maxTokens, pooling, "");
    }

    /** {@code onnx-<folder>}, reduced to lower-case letters, digits, '.', '_' and '-' so it is safe in file names. */
    static String folderName(Path dir) {
        String raw = dir.getFileName() == null ? "" : dir.getFileName().toString();
        String safe = raw.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._-]+", "-")
                .replaceAll("-{2,}", "-")
                .replaceAll("^[-.]+|[-.]+$", "");
        if (safe.length() > 100) {
            safe = safe.substring(0, 100);
        }
        return "onnx-" + (safe.isEmpty() ? "model" : safe);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The file's JSON, or a missing node when the file does not exist. */
    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A usable token limit. Tokenizer configs often hold a sentinel ({@code 1000000000000000019884624838656}) for
     * "no limit"; anything above 100k is treated as unset.
     */
    private static OptionalInt positiveInt(JsonNode node) {
        if (!node.isNumber()) {
            return OptionalInt.empty();
        }
        double value = node.asDouble();
        return value >= 3 && value <= 100_000 ? OptionalInt.of((int) value) : OptionalInt.empty();
    }

    private static OptionalInt firstOf(OptionalInt... candidates) {
        for (OptionalInt c : candidates) {
            if (c.isPresent()) {
                return c;
            }
        }
        return OptionalInt.empty();
    }
}
