package dev.ragworkbench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** {@code runs tag RUN_ID KEY=VALUE…}: sets (or with {@code --remove}, removes) a run's tags. */
@Command(name = "tag", mixinStandardHelpOptions = true, description = "Set or remove tags of a run.")
final class TagRun implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Parameters(index = "0", paramLabel = "RUN_ID")
    String id;
    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "Tags to set (replacing a tag of that key).")
    List<String> tags = new ArrayList<>();
    @Option(names = "--remove", paramLabel = "KEY", description = "Remove this tag. Repeatable.")
    List<String> remove = new ArrayList<>();
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        var set = new LinkedHashMap<String, String>();
        for (String t : tags) {
            int eq = t.indexOf('=');
            if (eq <= 0 || t.substring(0, eq).isBlank()) {
                throw new BadInputException("cannot read the tag '" + t + "'; write it as KEY=VALUE, e.g. dataset=scifact");
            }
            set.put(t.substring(0, eq).strip(), t.substring(eq + 1));
        }
        if (set.isEmpty() && remove.isEmpty()) {
            throw new BadInputException("give a tag to set as KEY=VALUE, or one to remove with --remove KEY");
        }
        try (var bench = options.open()) {
            var store = bench.runs();
            store.run(id); // an unknown id fails before anything is written
            var out = spec.commandLine().getOut();
            set.forEach((k, v) -> {
                store.setTag(id, k, v);
                out.println(id + ": " + k + "=" + v);
            });
            for (String k : remove) {
                out.println(id + ": " + k + (store.removeTag(id, k) ? " removed" : " was not set"));
            }
        }
    }
}
