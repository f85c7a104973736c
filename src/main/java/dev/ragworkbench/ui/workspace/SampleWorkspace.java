package dev.ragworkbench.ui.workspace;

import dev.ragworkbench.evaluation.EvalSetStore;
import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.embedding.Embedders;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The sample a new workspace starts with: 24 COVID-QA articles as Markdown plus their questions as a SQuAD golden
 * set, shipped in the jar under {@code /sample/} (listed in {@code files.txt}). Seeding copies them to
 * {@code <workspace>/sample/}, imports the articles as corpus {@value #CORPUS}, registers the golden set and
 * builds one index, so a first start has something to explore.
 */
public final class SampleWorkspace {

    public static final String CORPUS = "covid-qa-sample";
    public static final String GOLDEN_SET_FILE = "covid-qa-sample.squad.json";
    public static final ChunkerSpec CHUNKER = ChunkerSpec.parse("recursive:size=256,overlap=32");
    private static final String MARKER = ".sample-seeded";

    private SampleWorkspace() {
    }

    /** Whether {@code workbench} is new: no corpus yet and never seeded (a user who deleted the sample keeps it gone). */
    public static boolean needsSeeding(Workbench workbench) {
        return workbench.documents().corpora().isEmpty()
               && !Files.exists(workbench.workspace().root().resolve(MARKER));
    }

    /** Copies the sample files into the workspace; returns the folder holding the documents. Quick. */
    public static Path copyFiles(Path workspaceRoot) throws IOException {
        Path target = workspaceRoot.resolve("sample");
        for (String name : manifest()) {
            Path out = target.resolve(name);
            Files.createDirectories(out.getParent());
            try (InputStream in = resource(name)) {
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(workspaceRoot.resolve(MARKER), "sample copied; delete this file to seed again\n");
        return target;
    }

    /** Imports the copied sample and registers its golden set. */
    public static EvalSet importSample(Workbench workbench, EvalSetStore goldenSets, Path sampleDir,
                                         ProgressListener progress, Cancellation cancel) throws IOException {
        workbench.importCorpus(sampleDir.resolve("documents"), ImportFormat.AUTO, CORPUS, progress, cancel);
        return goldenSets.importSquad(sampleDir.resolve(GOLDEN_SET_FILE));
    }

    /** Builds the sample's index: recursive chunks of the default embedder's tokens, with vectors. */
    public static void buildIndex(Workbench workbench, ProgressListener progress, Cancellation cancel) {
        workbench.buildIndex(new Workbench.IndexRequest(CORPUS, CHUNKER, Embedders.DEFAULT), progress, cancel);
    }

    static List<String> manifest() throws IOException {
        try (InputStream in = resource("files.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList();
        }
    }

    private static InputStream resource(String name) {
        InputStream in = SampleWorkspace.class.getResourceAsStream("/sample/" + name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("sample file missing from the app: " + name));
        }
        return in;
    }
}
