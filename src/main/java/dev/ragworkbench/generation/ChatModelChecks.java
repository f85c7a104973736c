package dev.ragworkbench.generation;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules a chat model's settings keep before the workspace stores them; each broken rule is one sentence
 * naming the model and the setting (the command line exits with 2 on it, the pane shows it by the field).
 */
public final class ChatModelChecks {

    /** Names are typed on the command line and in specs: no spaces, no quotes. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._:+@/-]{1,200}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,199}");
    public static final int MAX_CONCURRENCY = 64;
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    private ChatModelChecks() {
    }

    /** {@code s} with its text trimmed and its file absolute, or an {@link IllegalArgumentException}. */
    public static ChatModelSettings validate(ChatModelSettings s) {
        String name = s.name().strip();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("model name '" + name + "' must be 1 to 200 letters, digits or"
                    + " . _ : + @ / - (no spaces)");
        }
        String prefix = "model " + name + ": ";
        String baseUrl = blankToNull(s.baseUrl());
        String modelId = blankToNull(s.modelId());
        Path file = s.predictionsFile();
        if (s.provider() == ChatProvider.PREDICTIONS) {
            if (baseUrl != null || modelId != null) {
                throw new IllegalArgumentException(prefix + "a predictions model takes a file, not a base URL or model id");
            }
            file = file.toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(prefix + "predictions file " + file + " does not exist");
            }
        } else {
            if (file != null) {
                throw new IllegalArgumentException(prefix + "provider " + s.provider().id() + " takes a base URL and a"
                        + " model id, not a file");
            }
            baseUrl = checkUrl(prefix, baseUrl);
            if (modelId == null || modelId.length() > 400) {
                throw new IllegalArgumentException(prefix + "the model id must be 1 to 400 characters");
            }
        }
        if (s.temperature() != null && !(s.temperature() >= 0 && s.temperature() <= 2)) {
            throw new IllegalArgumentException(prefix + "temperature " + s.temperature() + " is outside 0 to 2");
        }
        if (s.maxTokens() != null && (s.maxTokens() < 1 || s.maxTokens() > 1_000_000)) {
            throw new IllegalArgumentException(prefix + "max tokens " + s.maxTokens() + " is outside 1 to 1,000,000");
        }
        if (s.timeout().isNegative() || s.timeout().isZero() || s.timeout().compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(prefix + "the timeout must be more than 0 and at most 3600 seconds");
        }
        if (s.concurrency() > MAX_CONCURRENCY) {
            throw new IllegalArgumentException(prefix + "concurrency " + s.concurrency() + " is more than "
                    + MAX_CONCURRENCY);
        }
        String env = blankToNull(s.apiKeyEnv());
        if (env != null) {
            checkEnvName(prefix, env);
        }
        checkPrice(prefix, "input", s.priceInputPer1k());
        checkPrice(prefix, "output", s.priceOutputPer1k());
        return new ChatModelSettings(name, s.provider(), baseUrl, modelId, file, s.temperature(), s.maxTokens(),
                s.timeout(), s.concurrency(), env, s.priceInputPer1k(), s.priceOutputPer1k());
    }

    private static String checkUrl(String prefix, String url) {
        if (url == null) {
            throw new IllegalArgumentException(prefix + "a base URL is needed (e.g. http://localhost:11434)");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException(prefix + "base URL " + url + " is not an http:// or https:// URL");
            }
            if (uri.getUserInfo() != null) {
                throw new IllegalArgumentException(prefix + "base URL must not hold a user or password; name the"
                        + " key's environment variable instead");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(prefix + "base URL " + url + " is not a URL (" + e.getReason() + ")");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * An environment variable's name, never a key: a pasted key (long, mixed letters and digits) is refused here,
     * before the database could store it.
     */
    private static void checkEnvName(String prefix, String env) {
        if (!ENV_NAME.matcher(env).matches()) {
            throw new IllegalArgumentException(prefix + "'--api-key-env' takes the name of an environment variable"
                    + " (letters, digits, _), not the key itself");
        }
        boolean lower = env.chars().anyMatch(Character::isLowerCase);
        boolean digit = env.chars().anyMatch(Character::isDigit);
        if (env.length() >= 24 && lower && digit) {
            throw new IllegalArgumentException(prefix + "'--api-key-env' looks like a key, not the name of an"
                    + " environment variable; give the variable's name (e.g. OPENAI_API_KEY)");
        }
    }

    private static void checkPrice(String prefix, String which, Double price) {
        if (price != null && !(price >= 0 && Double.isFinite(price))) {
            throw new IllegalArgumentException(prefix + "the " + which + " price must be a number of 0 or more");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
