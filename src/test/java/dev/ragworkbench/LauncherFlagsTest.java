package dev.ragworkbench;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The command-line launcher's JIT choice: {@code index} runs C1 only unless its corpus is a large file; every
 * other command keeps C2. Runs the launcher script itself (filtered as the build filters it) with a stand-in
 * {@code java} that prints the arguments it was given.
 */
class LauncherFlagsTest {

    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    @TempDir
    Path dir;

    private Path launcher;
    private Path fakeJava;
    private long largestC1Corpus;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the launcher is a bash script");
        String pom = Files.readString(Path.of("pom.xml"));
        var max = Pattern.compile("<app\\.c1\\.corpus\\.max>(\\d+)</app\\.c1\\.corpus\\.max>").matcher(pom);
        assertThat(max.find()).as("pom.xml sets app.c1.corpus.max").isTrue();
        largestC1Corpus = Long.parseLong(max.group(1));
        String script = Files.readString(Path.of("src/main/launcher/rag-workbench"))
                .replace("@app.jvm.flags@", "--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED")
                .replace("@app.ui.jvm.flags@", "--enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1")
                .replace("@project.version@", "test")
                .replace("@app.build.stamp@", "0")
                .replace("@app.c1.corpus.max@", max.group(1));
        assertThat(script).doesNotContain("@app.", "@project.");
        Path app = Files.createDirectories(dir.resolve("app"));
        launcher = Files.writeString(app.resolve("rag-workbench"), script);
        Path jdk = Files.createDirectories(dir.resolve("jdk/bin"));
        Files.writeString(dir.resolve("jdk/release"), "JAVA_VERSION=\"25\"\nJAVA_RUNTIME_VERSION=\"25+36\"\n");
        fakeJava = Files.writeString(jdk.resolve("java"), "#!/bin/bash\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void indexOfASmallCorpusFileRunsC1Only() throws Exception {
        Path corpus = Files.writeString(dir.resolve("corpus.jsonl"), "{\"_id\":\"1\",\"text\":\"a\"}\n");
        var args = jvmArgs("index", "--workspace", dir.resolve("ws").toString(), "--corpus", corpus.toString());
        assertThat(args).contains(C1_ONLY, "--add-modules", "jdk.incubator.vector");
        assertThat(args.subList(args.indexOf("-jar") + 2, args.size()))
                .as("the command's own arguments, unchanged")
                .containsExactly("index", "--workspace", dir.resolve("ws").toString(), "--corpus", corpus.toString());
    }

    @Test
    void indexOfAFolderRunsC1Only() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(folder.resolve("a.md"), "# A\n\ntext\n");
        assertThat(jvmArgs("index", "--corpus=" + folder, "--embedder", "none")).contains(C1_ONLY);
    }

    @Test
    void indexOfAFolderLargerThanTheLimitKeepsC2() throws Exception {
        // Written for real, not sparse: a folder's size is what its files take on disk.
        Path folder = Files.createDirectories(dir.resolve("big"));
        try (var out = Files.newOutputStream(folder.resolve("big.jsonl"))) {
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, (byte) 'a');
            for (long written = 0; written <= largestC1Corpus; written += block.length) {
                out.write(block);
            }
        }
        assertThat(jvmArgs("index", "--corpus", folder.toString())).doesNotContain(C1_ONLY);
    }

    @Test
    void indexOfACorpusFileAtTheLimitRunsC1OnlyAndOneByteMoreKeepsC2() throws Exception {
        Path atLimit = sparseFile("at-limit.jsonl", largestC1Corpus);
        assertThat(jvmArgs("index", "--corpus", atLimit.toString())).contains(C1_ONLY);
        Path over = sparseFile("over.jsonl", largestC1Corpus + 1);
        assertThat(jvmArgs("index", "--corpus", over.toString())).doesNotContain(C1_ONLY);
        assertThat(jvmArgs("index", "--corpus=" + over)).doesNotContain(C1_ONLY);
    }

    @Test
    void otherCommandsKeepC2() throws Exception {
        Path corpus = Files.writeString(dir.resolve("corpus.jsonl"), "{}\n");
        assertThat(jvmArgs("search", "--index", "x", "--query", "q")).doesNotContain(C1_ONLY);
        assertThat(jvmArgs("import", "--corpus", corpus.toString())).doesNotContain(C1_ONLY);
        assertThat(jvmArgs("run", "--spec", "index")).doesNotContain(C1_ONLY);
    }

    private Path sparseFile(String name, long length) throws Exception {
        Path file = dir.resolve(name);
        try (var f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
        return file;
    }

    /** The arguments the launcher passes to java for {@code args}. */
    private List<String> jvmArgs(String... args) throws Exception {
        var command = new ArrayList<>(List.of("/bin/bash", launcher.toString()));
        command.addAll(List.of(args));
        var pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("RAG_WORKBENCH_JAVA", fakeJava.toString());
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        pb.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
        pb.environment().remove("RAG_WORKBENCH_JVM_OPTS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }
}
