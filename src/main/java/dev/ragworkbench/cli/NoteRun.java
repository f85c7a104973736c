package dev.ragworkbench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;

/**
 * {@code runs note RUN_ID TEXT}: sets a run's note. Notes are kept as a history: the newest is the run's note,
 * the ones before it stay readable in {@code runs show}.
 */
@Command(name = "note", mixinStandardHelpOptions = true, description = "Set the note of a run (earlier notes are kept).")
final class NoteRun implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Parameters(index = "0", paramLabel = "RUN_ID")
    String id;
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT", description = "The note; several words are joined.")
    List<String> words;
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        String text = String.join(" ", words).strip();
        if (text.isEmpty()) {
            throw new BadInputException("the note is empty; give its text after the run id");
        }
        try (var bench = options.open()) {
            bench.runs().addNote(id, text);
            spec.commandLine().getOut().println(id + ": note set");
        }
    }
}
