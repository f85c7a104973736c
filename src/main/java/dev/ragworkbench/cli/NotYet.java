package dev.ragworkbench.cli;

/** The one sentence a command that is registered but not built yet answers with. */
final class NotYet {

    private NotYet() {
    }

    static String sentence(String command) {
        return "the '" + command + "' command is not available yet: it comes in a later issue"
               + " ('rag-workbench " + command + " --help' says what it will do)";
    }
}
