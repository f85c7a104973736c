package dev.ragworkbench.cli;

/** Placeholder until the command line lands. */
public final class Cli {
    private Cli() {
    }

    public static int run(String[] args) {
        System.out.println("RAG Workbench");
        return 0;
    }
}
