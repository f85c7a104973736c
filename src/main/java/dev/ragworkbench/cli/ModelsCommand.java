package dev.ragworkbench.cli;

import picocli.CommandLine.Command;

/**
 * {@code models}: registered now so that the issue that builds it adds its subcommands here (to this class's
 * {@code subcommands}) without editing {@link Cli}. Until then it says so and exits with code 2.
 */
@Command(name = "models", mixinStandardHelpOptions = true, description = {
        "Compare chat models (Ollama, OpenAI-compatible, or a predictions file), base against fine-tuned, on a test set.", "Not available yet: comes in a later issue."},
        subcommands = {})
final class ModelsCommand implements Runnable {

    @Override
    public void run() {
        throw new BadInputException(NotYet.sentence("models"));
    }
}
