package dev.ragworkbench.cli;

import picocli.CommandLine.Command;

/**
 * {@code report}: registered now so that the issue that builds it adds its subcommands here (to this class's
 * {@code subcommands}) without editing {@link Cli}. Until then it says so and exits with code 2.
 */
@Command(name = "report", mixinStandardHelpOptions = true, description = {
        "Export one or more runs as a report: HTML, Markdown, CSV or JSON.", "Not available yet: comes in a later issue."},
        subcommands = {})
final class ReportCommand implements Runnable {

    @Override
    public void run() {
        throw new BadInputException(NotYet.sentence("report"));
    }
}
