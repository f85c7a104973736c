package dev.ragworkbench.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Turns what the transport saw (a status and body, an I/O error) into a {@link TransportFailure} with the exact reason. */
final class HttpFailures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpFailures() {
    }

    static TransportFailure status(Attempt a, String url, int status, Map<String, List<String>> headers, String body) {
        String said = a.redact(serverMessage(body));
        String detail = said.isEmpty() ? "" : ": " + said;
        String head = status + " " + phrase(status) + " from " + url;
        return switch (status) {
            case 401, 403 -> new TransportFailure(ChatFailure.Kind.AUTHENTICATION, head + ": the API key was refused"
                    + " (key from " + a.keySource + ")" + detail, false);
            case 404 -> mentionsModel(said)
                    ? new TransportFailure(ChatFailure.Kind.UNKNOWN_MODEL, "model '" + a.settings.modelId()
                            + "' is not known at " + a.settings.baseUrl() + " (" + status + detail + ")", false)
                    : new TransportFailure(ChatFailure.Kind.CONNECTION, head + ": no chat endpoint there; check the"
                            + " base URL (OpenAI-compatible servers usually end in /v1)", false);
            case 429 -> {
                Duration wait = retryAfter(headers);
                yield new TransportFailure(ChatFailure.Kind.RATE_LIMITED, head + " (rate limited"
                        + (wait == null ? "" : "; asked to wait " + Attempt.seconds(wait)) + ")" + detail, true, wait,
                        null);
            }
            default -> {
                if (status >= 500) {
                    yield new TransportFailure(ChatFailure.Kind.SERVER_ERROR, head + detail, true,
                            retryAfter(headers), null);
                }
                if (status == 400 && mentionsModel(said) && said.toLowerCase().contains("not")) {
                    yield new TransportFailure(ChatFailure.Kind.UNKNOWN_MODEL, "model '" + a.settings.modelId()
                            + "' is not known at " + a.settings.baseUrl() + " (" + status + detail + ")", false);
                }
                yield new TransportFailure(ChatFailure.Kind.OTHER, head + detail, false);
            }
        };
    }

    /** An exception of the HTTP client (before or while the response came). */
    static TransportFailure io(Attempt a, String url, Throwable error) {
        String where = hostPort(url);
        if (has(error, HttpConnectTimeoutException.class)) {
            return new TransportFailure(ChatFailure.Kind.TIMEOUT, "no connection to " + where + " within the connect"
                    + " timeout (" + url + ")", false, null, error);
        }
        if (has(error, UnresolvedAddressException.class) || has(error, UnknownHostException.class)) {
            return new TransportFailure(ChatFailure.Kind.CONNECTION, "cannot find host " + URI.create(url).getHost()
                    + " (" + url + ")", false, null, error);
        }
        if (has(error, ConnectException.class)) {
            return new TransportFailure(ChatFailure.Kind.CONNECTION, "connection refused by " + where + " (" + url
                    + "): is the server running?", false, null, error);
        }
        if (has(error, HttpTimeoutException.class)) {
            return new TransportFailure(ChatFailure.Kind.TIMEOUT, "no answer from " + url + " within "
                    + Attempt.seconds(a.settings.timeout()), false, null, error);
        }
        if (error instanceof IOException || error.getCause() instanceof IOException) {
            String msg = error.getMessage() == null ? "" : " (" + a.redact(error.getMessage()) + ")";
            return new TransportFailure(ChatFailure.Kind.CONNECTION, "the connection to " + where + " closed before"
                    + " the answer was complete" + msg, true, null, error);
        }
        return new TransportFailure(ChatFailure.Kind.OTHER, "calling " + url + " failed: "
                + a.redact(String.valueOf(error.getMessage())), false, null, error);
    }

    /** The {@code Retry-After} header as a wait: seconds, or an HTTP date. Null when absent or unreadable. */
    static Duration retryAfter(Map<String, List<String>> headers) {
        String value = null;
        for (var e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase("retry-after") && !e.getValue().isEmpty()) {
                value = e.getValue().getFirst().strip();
            }
        }
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(value);
            return seconds < 0 ? Duration.ZERO : Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                var at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                var wait = Duration.between(Instant.now(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException notDate) {
                return null;
            }
        }
    }

    /** What the server said: OpenAI's {@code error.message}, Ollama's {@code error}, else the body's start. */
    static String serverMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode error = node == null ? null : node.get("error");
            if (error != null && error.isObject() && error.hasNonNull("message")) {
                return shorten(error.get("message").asText());
            }
            if (error != null && error.isTextual()) {
                return shorten(error.asText());
            }
            if (node != null && node.hasNonNull("message") && node.get("message").isTextual()) {
                return shorten(node.get("message").asText());
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through to the raw text
        }
        return shorten(body);
    }

    private static String shorten(String text) {
        String one = text.strip().replaceAll("\\s+", " ");
        return one.length() > 200 ? one.substring(0, 200) + "…" : one;
    }

    private static boolean mentionsModel(String said) {
        return said.toLowerCase().contains("model");
    }

    private static String hostPort(String url) {
        URI uri = URI.create(url);
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    static String phrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 413 -> "Payload Too Large";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }
}
