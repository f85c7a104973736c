package dev.ragworkbench.generation;

import dev.ragworkbench.progress.Cancellation;

import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * "Test connection": one short prompt to a model, fresh (never from the cache), its answer streamed as it
 * arrives, then the latency; or the exact reason it failed. The command line's {@code models test} and the
 * Settings pane's button both run this.
 */
public final class ConnectionCheck {

    public static final String PROMPT = "Reply with one short sentence: are you ready?";

    /** What the check found: an answer with its latency and tokens, or a failure's kind and reason. */
    public record Result(boolean ok, String answer, long latencyMs, int inputTokens, int outputTokens,
                         ChatFailure.Kind failure, String reason) {

        static Result answered(ChatReply r) {
            return new Result(true, r.text(), r.latencyMs(), r.inputTokens(), r.outputTokens(), null, null);
        }

        static Result failed(ChatFailure.Kind kind, String reason) {
            return new Result(false, "", -1, -1, -1, kind, reason);
        }
    }

    private ConnectionCheck() {
    }

    /**
     * Asks {@code settings}' model {@code prompt}, passing the answer's pieces to {@code partial} as they come.
     * Settings that cannot be used at all (a malformed URL) throw {@link IllegalArgumentException}.
     */
    public static Result run(ChatClients clients, ChatModelSettings settings, String prompt, Consumer<String> partial,
                             Cancellation cancel) {
        if (settings.provider() == ChatProvider.PREDICTIONS) {
            try (var client = clients.open(settings, true)) {
                String text = "predictions file " + settings.predictionsFile() + " reads cleanly";
                partial.accept(text);
                return new Result(true, text, 0, -1, -1, null, null);
            } catch (UncheckedIOException e) {
                return Result.failed(ChatFailure.Kind.OTHER, e.getMessage());
            }
        }
        try (var client = clients.open(settings, true)) {
            return Result.answered(client.stream(ChatRequest.of("connection-test", prompt), cancel, partial));
        } catch (ChatFailure f) {
            return Result.failed(f.kind(), f.getMessage());
        }
    }
}
