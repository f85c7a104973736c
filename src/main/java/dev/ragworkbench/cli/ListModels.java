package dev.ragworkbench.cli;

import dev.ragworkbench.format.TextTable;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.report.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code models list}: see {@link ModelsCommand}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the workspace's chat models.")
final class ListModels implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Spec
    CommandSpec spec;
    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Override
    public void run() {
        try (var bench = options.open()) {
            var models = bench.chatModels().list();
            var keys = bench.chatClients().keys();
            var out = spec.commandLine().getOut();
            if (json) {
                var array = ModelsCommand.JSON.createArrayNode();
                models.forEach(m -> array.add(ModelsCommand.json(m, keys.source(m))));
                out.println(JsonOutput.write(array));
                return;
            }
            if (models.isEmpty()) {
                out.println("No chat models yet in " + bench.workspace().root() + "; add one with models add.");
                return;
            }
            var rows = new ArrayList<List<String>>();
            rows.add(List.of("name", "provider", "model", "endpoint or file", "temp", "max tokens", "timeout",
                    "concurrency", "key", "price in/out per 1k"));
            for (ChatModelSettings m : models) {
                rows.add(List.of(m.name(), m.provider().id(), orDash(m.modelId()),
                        m.predictionsFile() != null ? m.predictionsFile().toString() : m.baseUrl(),
                        m.temperature() == null ? "-" : String.format(Locale.ROOT, "%.2f", m.temperature()),
                        m.maxTokens() == null ? "-" : m.maxTokens().toString(),
                        String.format(Locale.ROOT, "%.0f s", m.timeout().toMillis() / 1000.0),
                        Integer.toString(m.concurrency()), keys.source(m),
                        m.hasPrices() ? price(m.priceInputPer1k()) + " / " + price(m.priceOutputPer1k()) : "-"));
            }
            out.print(TextTable.of(rows, 4, 5, 6, 7));
        }
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    private static String price(Double p) {
        return p == null ? "-" : String.format(Locale.ROOT, "%.4f", p);
    }
}
