package dev.ragworkbench.sample;

import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.ingest.DocumentStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The sample a new workspace starts with: 24 COVID-QA articles (18 Markdown, 6 PDF) plus their questions as a
 * SQuAD golden set, shipped in the jar under {@code /sample/} (listed in {@code files.txt}). Seeding copies them
 * to {@code <workspace>/sample/}, imports the articles as corpus {@value #CORPUS}, registers the golden set and
 * builds one index, so a first start has something to explore. {@code Workbench.seedSample} does the importing;
 * this class knows what the sample is and where its files go. The window seeds a new workspace on its own; the
 * command line's {@code workspace seed-sample} seeds any.
 */
public final class SampleWorkspace {

    public static final String CORPUS = "covid-qa-sample";
    public static final String GOLDEN_SET_FILE = "covid-qa-sample.squad.json";
    public static final ChunkerSpec CHUNKER = ChunkerSpec.parse("recursive:size=256,overlap=32");
    private static final String MARKER = ".sample-seeded";

    private SampleWorkspace() {
    }

    /**
     * Whether the workspace at {@code root} is new: no corpus yet and never seeded (a user who deleted the sample
     * keeps it gone).
     */
    public static boolean needsSeeding(DocumentStore documents, Path root) {
        return documents.corpora().isEmpty() && !Files.exists(root.resolve(MARKER));
    }

    /** Copies the sample files into the workspace; returns the folder holding them. Quick. */
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

    /** The folder of the sample's documents, under the folder {@link #copyFiles} returned. */
    public static Path documents(Path sampleDir) {
        return sampleDir.resolve("documents");
    }

    /** The sample's golden set (SQuAD), under the folder {@link #copyFiles} returned. */
    public static Path goldenSet(Path sampleDir) {
        return sampleDir.resolve(GOLDEN_SET_FILE);
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
