package dev.ragworkbench.ui;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.cli.Cli;
import dev.ragworkbench.index.IndexSettings;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.ui.importing.ImportViewModel;
import dev.ragworkbench.ui.tasks.SameThreadTaskRunner;
import dev.ragworkbench.ui.workspace.WorkspaceSession;
import dev.ragworkbench.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window's operations and their command-line twins leave a workspace in the same state: the same core call
 * behind both faces. Each operation runs once through the Import pane's ViewModel and once through the command
 * line, on two workspaces made alike, and the database and the index folders are compared.
 */
class TwoFacesTest {

    @TempDir
    Path tmp;

    private int cli(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        assertThat(exit).as(err.toString()).isZero();
        return exit;
    }

    /** A workspace with corpus "notes" and one BM25-only index over it; returns the index's name. */
    private String workspaceWithAnIndex(Path ws, Path docs) {
        try (var bench = Workbench.open(ws)) {
            bench.importCorpus(docs, dev.ragworkbench.ingest.ImportFormat.AUTO, "notes", ProgressListener.NONE,
                    new Cancellation());
            return bench.buildIndex(new Workbench.IndexRequest("notes", ChunkerSpec.parse("fixed:size=32,overlap=0"),
                    IndexSettings.NO_EMBEDDER), ProgressListener.NONE, new Cancellation()).name();
        }
    }

    @Test
    void deletingAnIndexFromTheWindowAndFromTheCommandLineLeavesTheSameDatabase() throws Exception {
        Path docs = TestDocs.mixedFolder(tmp.resolve("notes"), 3, 1);
        Path window = tmp.resolve("ws-window");
        Path command = tmp.resolve("ws-command");
        String index = workspaceWithAnIndex(window, docs);
        assertThat(workspaceWithAnIndex(command, docs)).isEqualTo(index);
        assertThat(chunkRows(window)).containsOnlyKeys(index).allSatisfy((k, n) -> assertThat(n).isPositive());

        try (var session = WorkspaceSession.open(window)) {
            var runner = new SameThreadTaskRunner();
            var vm = new ImportViewModel(session, runner);
            assertThat(vm.indexes()).singleElement().satisfies(i -> assertThat(i.name()).isEqualTo(index));
            vm.deleteIndex(vm.indexes().getFirst());
            assertThat(runner.errors()).isEmpty();
            assertThat(vm.indexes()).isEmpty();
            vm.dispose();
        }
        cli("indexes", "delete", index, "--workspace", command.toString());

        for (Path ws : List.of(window, command)) {
            assertThat(chunkRows(ws)).as("chunk rows left in " + ws).isEmpty();
            assertThat(ws.resolve("indexes").resolve(index)).as("index folder in " + ws).doesNotExist();
            assertThat(documentCount(ws)).isEqualTo(4);
        }
    }

    @Test
    void importingAndRebuildingFromEitherFaceGiveTheSameCorporaAndIndexes() throws Exception {
        Path folder = TestDocs.mixedFolder(tmp.resolve("picked"), 3, 0);
        List<Path> files;
        try (var listing = Files.list(folder)) {
            files = listing.sorted().toList();
        }
        Path window = tmp.resolve("ws-window");
        Path command = tmp.resolve("ws-command");
        try (var session = WorkspaceSession.open(window)) {
            var runner = new SameThreadTaskRunner();
            var vm = new ImportViewModel(session, runner);
            vm.importPaths(files);
            assertThat(runner.errors()).isEmpty();
            vm.dispose();
        }
        var args = new java.util.ArrayList<>(List.of("import", "--workspace", command.toString()));
        files.forEach(f -> args.add(f.toString()));
        cli(args.toArray(String[]::new));
        assertThat(corpora(window)).isEqualTo(corpora(command)).isEqualTo(Map.of("picked", 3));

        String index = null;
        for (Path ws : List.of(window, command)) {
            try (var bench = Workbench.open(ws)) {
                index = bench.buildIndex(new Workbench.IndexRequest("picked", ChunkerSpec.parse("fixed:size=16,overlap=0"),
                        IndexSettings.NO_EMBEDDER), ProgressListener.NONE, new Cancellation()).name();
                // a document more, which only a rebuild brings into the index
                Files.writeString(folder.resolve("late.md"), "# Late\n\n" + TestDocs.PARAGRAPH);
                bench.importCorpus(folder, dev.ragworkbench.ingest.ImportFormat.AUTO, "picked",
                        ProgressListener.NONE, new Cancellation());
            }
        }
        try (var session = WorkspaceSession.open(window)) {
            var runner = new SameThreadTaskRunner();
            var vm = new ImportViewModel(session, runner);
            vm.rebuildIndex(vm.indexes().getFirst());
            assertThat(runner.errors()).isEmpty();
            vm.dispose();
        }
        cli("indexes", "rebuild", index, "--workspace", command.toString());
        assertThat(chunkRows(window)).isEqualTo(chunkRows(command));
        try (var a = Workbench.open(window); var b = Workbench.open(command)) {
            assertThat(a.indexes().resolve(index).documents()).isEqualTo(b.indexes().resolve(index).documents())
                    .isEqualTo(4);
        }
    }

    private static Map<String, Integer> chunkRows(Path ws) throws SQLException {
        try (var w = Workspace.open(ws); var c = w.connection();
             var rs = c.createStatement().executeQuery("SELECT index_name, COUNT(*) FROM chunk GROUP BY index_name")) {
            var rows = new TreeMap<String, Integer>();
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getInt(2));
            }
            return rows;
        }
    }

    private static int documentCount(Path ws) {
        try (var bench = Workbench.open(ws)) {
            return bench.documents().count("notes");
        }
    }

    private static Map<String, Integer> corpora(Path ws) {
        try (var bench = Workbench.open(ws)) {
            var m = new TreeMap<String, Integer>();
            bench.documents().corpora().forEach(c -> m.put(c.name(), c.documents()));
            return m;
        }
    }
}
