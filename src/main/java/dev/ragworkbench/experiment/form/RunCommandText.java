package dev.ragworkbench.experiment.form;

import dev.ragworkbench.workspace.Workspace;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** The command line that runs a spec file, as "copy command" gives it: {@code rag-workbench run PATH}. */
public final class RunCommandText {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9@%+=:,./_-]+");

    private RunCommandText() {
    }

    /**
     * {@code rag-workbench run SPEC}, with {@code --workspace DIR} when {@code workspace} is not the default one,
     * so the line records into the same history as the window; arguments quoted for a POSIX shell where needed.
     */
    public static String of(Path spec, Path workspace) {
        String line = "rag-workbench run " + shell(spec.toString());
        boolean isDefault = workspace == null || workspace.toAbsolutePath().normalize()
                .equals(Workspace.defaultLocation().toAbsolutePath().normalize());
        return isDefault ? line : line + " --workspace " + shell(workspace.toString());
    }

    static String shell(String arg) {
        return SAFE.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
