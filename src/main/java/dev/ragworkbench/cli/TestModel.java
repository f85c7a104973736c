package dev.ragworkbench.cli;

import dev.ragworkbench.generation.ConnectionCheck;
import dev.ragworkbench.progress.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Locale;

/** {@code models test}: see {@link ModelsCommand} and {@link ConnectionCheck}. */
@Command(name = "test", mixinStandardHelpOptions = true, description = {
        "Send a model a short prompt: prints its answer as it streams in, then the latency; or the exact reason it"
        + " failed (connection refused, 401, unknown model, timeout, a reply that is not the protocol).",
        "Exit codes: 0 it answered, 1 it did not, 2 no such model or unusable settings."})
final class TestModel implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "NAME", description = "The model.")
    String name;
    @Option(names = "--prompt", paramLabel = "TEXT", description = "The prompt (default: \"${DEFAULT-VALUE}\").")
    String prompt = ConnectionCheck.PROMPT;

    @Override
    public void run() {
        try (var bench = options.open()) {
            var settings = bench.chatModels().get(name);
            var out = spec.commandLine().getOut();
            var result = ConnectionCheck.run(bench.chatClients(), settings, prompt, piece -> {
                out.print(piece);
                out.flush();
            }, Cancellation.none());
            if (!result.ok()) {
                throw new GateFailedException("model " + name + " did not answer: " + result.reason());
            }
            out.println();
            out.println(String.format(Locale.ROOT, "%s answered in %,d ms%s.", name, result.latencyMs(),
                    result.inputTokens() < 0 ? "" : String.format(Locale.ROOT, " (%d tokens in, %d out)",
                            result.inputTokens(), result.outputTokens())));
        }
    }
}
