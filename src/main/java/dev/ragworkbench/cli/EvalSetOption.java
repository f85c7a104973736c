package dev.ragworkbench.cli;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.evaluation.EvalSet;
import picocli.CommandLine.Option;

/**
 * {@code --evalset NAME}: a set stored in the workspace ({@code evalsets import}), for the commands that score
 * against one. Mix it in with {@code @Mixin EvalSetOption evalSet;}.
 */
final class EvalSetOption {

    @Option(names = "--evalset", paramLabel = "NAME",
            description = "An eval set stored in the workspace (see evalsets list), at its latest version.")
    String name;

    boolean isSet() {
        return name != null;
    }

    /** The named set from {@code bench}'s store; bad input (exit 2) when the workspace has none of that name. */
    EvalSet resolve(Workbench bench) {
        if (name == null) {
            throw new BadInputException("no eval set given; name one with --evalset NAME");
        }
        return bench.evalSets().find(name).orElseThrow(() -> new BadInputException("no eval set called " + name
                + " in " + bench.workspace().root() + "; see evalsets list"));
    }
}
