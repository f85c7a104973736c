package dev.ragworkbench.ui.settings;

import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.ChatProvider;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The add/edit form's fields as text, the way the user types them, and the settings they make. A key typed into
 * the form is held here only until it is written to the user's keys file; it never reaches the settings.
 */
public final class ModelForm {

    /** Where the model's key comes from. */
    public enum KeySource { NONE, ENVIRONMENT, KEYS_FILE }

    final StringProperty name = new SimpleStringProperty("");
    final ObjectProperty<ChatProvider> provider = new SimpleObjectProperty<>(ChatProvider.OLLAMA);
    final StringProperty baseUrl = new SimpleStringProperty("http://localhost:11434");
    final StringProperty modelId = new SimpleStringProperty("");
    final StringProperty file = new SimpleStringProperty("");
    final StringProperty temperature = new SimpleStringProperty("");
    final StringProperty maxTokens = new SimpleStringProperty("");
    final StringProperty timeout = new SimpleStringProperty("60");
    final StringProperty concurrency = new SimpleStringProperty(Integer.toString(ChatModelSettings.DEFAULT_CONCURRENCY));
    final ObjectProperty<KeySource> keySource = new SimpleObjectProperty<>(KeySource.NONE);
    final StringProperty apiKeyEnv = new SimpleStringProperty("");
    /** A key typed to be stored in the keys file; cleared once stored. */
    final StringProperty newKey = new SimpleStringProperty("");
    /** The stored key, masked, as the form shows it. */
    final StringProperty storedKey = new SimpleStringProperty("");
    final StringProperty priceIn = new SimpleStringProperty("");
    final StringProperty priceOut = new SimpleStringProperty("");

    public StringProperty nameProperty() { return name; }
    public ObjectProperty<ChatProvider> providerProperty() { return provider; }
    public StringProperty baseUrlProperty() { return baseUrl; }
    public StringProperty modelIdProperty() { return modelId; }
    public StringProperty fileProperty() { return file; }
    public StringProperty temperatureProperty() { return temperature; }
    public StringProperty maxTokensProperty() { return maxTokens; }
    public StringProperty timeoutProperty() { return timeout; }
    public StringProperty concurrencyProperty() { return concurrency; }
    public ObjectProperty<KeySource> keySourceProperty() { return keySource; }
    public StringProperty apiKeyEnvProperty() { return apiKeyEnv; }
    public StringProperty newKeyProperty() { return newKey; }
    public StringProperty storedKeyProperty() { return storedKey; }
    public StringProperty priceInProperty() { return priceIn; }
    public StringProperty priceOutProperty() { return priceOut; }

    /** Fills the form from stored settings ({@code maskedKey}: the keys file's key for it, masked, or empty). */
    void load(ChatModelSettings s, String maskedKey) {
        name.set(s.name());
        provider.set(s.provider());
        baseUrl.set(orEmpty(s.baseUrl()));
        modelId.set(orEmpty(s.modelId()));
        file.set(s.predictionsFile() == null ? "" : s.predictionsFile().toString());
        temperature.set(s.temperature() == null ? "" : plain(s.temperature()));
        maxTokens.set(s.maxTokens() == null ? "" : s.maxTokens().toString());
        timeout.set(plain(s.timeout().toMillis() / 1000.0));
        concurrency.set(Integer.toString(s.concurrency()));
        apiKeyEnv.set(orEmpty(s.apiKeyEnv()));
        keySource.set(s.apiKeyEnv() != null ? KeySource.ENVIRONMENT
                : maskedKey.isEmpty() ? KeySource.NONE : KeySource.KEYS_FILE);
        newKey.set("");
        storedKey.set(maskedKey);
        priceIn.set(s.priceInputPer1k() == null ? "" : plain(s.priceInputPer1k()));
        priceOut.set(s.priceOutputPer1k() == null ? "" : plain(s.priceOutputPer1k()));
    }

    void clear() {
        load(new ChatModelSettings("", ChatProvider.OLLAMA, "http://localhost:11434", "", null, null, null, null,
                ChatModelSettings.DEFAULT_CONCURRENCY, null, null, null), "");
        modelId.set("");
    }

    /** The settings the form describes; an {@link IllegalArgumentException} names the field that is wrong. */
    ChatModelSettings settings() {
        var p = provider.get();
        boolean predictions = p == ChatProvider.PREDICTIONS;
        if (name.get().isBlank()) {
            throw new IllegalArgumentException("Give the model a name.");
        }
        if (predictions && file.get().isBlank()) {
            throw new IllegalArgumentException("Choose the predictions file.");
        }
        if (!predictions && (baseUrl.get().isBlank() || modelId.get().isBlank())) {
            throw new IllegalArgumentException("Give the base URL and the model id.");
        }
        Double seconds = number(timeout.get(), "Timeout");
        Integer calls = integer(concurrency.get(), "Concurrency");
        return new ChatModelSettings(name.get().strip(), p, predictions ? null : baseUrl.get().strip(),
                predictions ? null : modelId.get().strip(), predictions ? Path.of(file.get().strip()) : null,
                number(temperature.get(), "Temperature"), integer(maxTokens.get(), "Max tokens"),
                seconds == null ? null : Duration.ofMillis(Math.round(seconds * 1000)),
                calls == null ? ChatModelSettings.DEFAULT_CONCURRENCY : calls,
                keySource.get() == KeySource.ENVIRONMENT ? apiKeyEnv.get().strip() : null,
                number(priceIn.get(), "Price in"), number(priceOut.get(), "Price out"));
    }

    private static Double number(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a number, not '" + text.strip() + "'.");
        }
    }

    private static Integer integer(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a whole number, not '" + text.strip() + "'.");
        }
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
