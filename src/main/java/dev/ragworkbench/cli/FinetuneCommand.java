package dev.ragworkbench.cli;

import picocli.CommandLine.Command;

/**
 * {@code finetune}: registered now so that the issue that builds it adds its subcommands here (to this class's
 * {@code subcommands}) without editing {@link Cli}. Until then it says so and exits with code 2.
 */
@Command(name = "finetune", mixinStandardHelpOptions = true, description = {
        "Fine-tune a model on an eval set or a test set, and record it as a run.", "Not available yet: comes in a later issue."},
        subcommands = {})
final class FinetuneCommand implements Runnable {

    @Override
    public void run() {
        throw new BadInputException(NotYet.sentence("finetune"));
    }
}
