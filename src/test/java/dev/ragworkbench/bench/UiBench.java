package dev.ragworkbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.ui.bench.ImportStallBench;
import dev.ragworkbench.ui.shell.StartupProbe;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The desktop app's benchmark (issue 4): cold start to a shown, responsive window on a seeded and indexed
 * workspace, and the longest FX-thread stall while 1,000 documents are imported through the Import pane. Prints
 * tables; asserts nothing, since timings belong to the machine they came from. Run under a display (Xvfb):
 * {@code xvfb-run -a mvn -B -Pui-bench -DskipTests verify}.
 *
 * <p>System properties: {@code bench.app} (the built {@code target/app}), {@code bench.runs} (start-ups, 5),
 * {@code bench.docs} (documents to import, 1000), {@code bench.work} (scratch folder), {@code bench.scifact}
 * (the SciFact {@code corpus.jsonl} the documents are cut from), {@code bench.jvmFlags} (the app's JVM flags).
 */
public final class UiBench {

    private UiBench() {
    }

    public static void main(String[] args) throws Exception {
        Path app = Path.of(System.getProperty("bench.app", "target/app")).toAbsolutePath();
        int runs = Integer.getInteger("bench.runs", 5);
        int docs = Integer.getInteger("bench.docs", 1000);
        Path work = Path.of(System.getProperty("bench.work", "target/ui-bench")).toAbsolutePath();
        Path scifact = Path.of(System.getProperty("bench.scifact", "../shared/data/scifact/corpus.jsonl"));
        List<String> jvmFlags = Arrays.stream(System.getProperty("bench.jvmFlags",
                "--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED").split("\\s+"))
                .filter(s -> !s.isBlank()).toList();
        deleteTree(work);
        Files.createDirectories(work);
        String java = ProcessHandle.current().info().command().orElse("java");

        System.out.printf(Locale.ROOT, "RAG Workbench desktop benchmark: %d cores, Java %s, %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), loadAverage());

        if (runs > 0) {
            startup(java, jvmFlags, app, work, runs);
        }

        // ---- 2. FX-thread stalls while importing
        List<String> texts = abstracts(scifact, docs);
        Path folder = work.resolve("docs").resolve("scifact-" + docs);
        Files.createDirectories(folder);
        var files = new ArrayList<Path>();
        for (int i = 0; i < texts.size(); i++) {
            Path f = folder.resolve(String.format(Locale.ROOT, "doc-%05d.md", i));
            Files.writeString(f, texts.get(i));
            files.add(f);
        }
        var results = new ArrayList<ImportStallBench.Result>();
        results.add(ImportStallBench.run("drop a folder of " + docs + " files", work.resolve("ws-folder"),
                List.of(folder), docs));
        results.add(ImportStallBench.run("drop (or pick) " + docs + " files at once", work.resolve("ws-files"),
                files, docs));
        ImportStallBench.shutdown();

        System.out.printf(Locale.ROOT, "FX-thread stalls while importing %,d Markdown documents (SciFact abstracts)"
                + " until the table shows them (ms; goal: longest < 100)%n", docs);
        System.out.printf(Locale.ROOT, "%-38s %7s %8s %7s %8s %8s %6s %7s %7s%n", "scenario", "import", "longest",
                "p99", "longCPU", "p99CPU", ">50ms", "probes", "FX CPU");
        for (var r : results) {
            System.out.printf(Locale.ROOT, "%-38s %,7d %8.1f %7.1f %8.1f %8.1f %6d %,7d %,7d%n", r.scenario(),
                    r.importMillis(), r.maxLate(), r.p99Late(), r.maxStallCpu(), r.p99StallCpu(), r.over(50),
                    r.lateMillis().length, r.fxCpuMillis());
        }
        for (var r : results) {
            if (!r.longStalls().isEmpty()) {
                System.out.println("  stalls over 50 ms, " + r.scenario() + ": " + String.join(", ",
                        r.longStalls().subList(0, Math.min(12, r.longStalls().size())))
                        + (r.longStalls().size() > 12 ? ", …" : ""));
            }
        }
        System.out.println("(longest/p99: how late a Platform.runLater posted every 5 ms ran, in wall-clock ms;"
                + " longCPU/p99CPU: the CPU time the FX thread spent while each probe waited, i.e. the stall apart"
                + " from other processes taking the cores; FX CPU: the FX thread's CPU time from the drop to the end)");
        System.exit(0);
    }

    /**
     * Cold start to a shown, responsive window: {@code runs} starts with the launcher script, as a user starts the
     * app (the first one records its AOT cache and is reported apart), then with a bare {@code java -jar}.
     */
    private static void startup(String java, List<String> jvmFlags, Path app, Path work, int runs) throws Exception {
        Path ws = work.resolve("sample-ws");
        Path prefs = work.resolve("prefs");
        Path cache = work.resolve("cache");
        var base = new ArrayList<String>();
        base.add(java);
        base.addAll(jvmFlags);
        base.add("-Djava.util.prefs.userRoot=" + prefs);
        System.out.println("Seeding the sample workspace (import and index, waiting for the background work)…");
        Map<String, Long> seed = start(base, app, ws, work.resolve("seed.txt"), "idle", 600);
        System.out.printf(Locale.ROOT, "  seeded and indexed in %,d ms%n%n", seed.get("idle"));

        var training = startWithLauncher(app, ws, prefs, cache, work.resolve("launch-first.txt"));
        var launcherSamples = new ArrayList<Map<String, Long>>();
        for (int i = 0; i < runs; i++) {
            launcherSamples.add(startWithLauncher(app, ws, prefs, cache, work.resolve("launch-" + i + ".txt")));
        }
        var samples = new ArrayList<Map<String, Long>>();
        for (int i = 0; i < runs; i++) {
            samples.add(start(base, app, ws, work.resolve("start-" + i + ".txt"), "shown", 120));
        }

        System.out.printf(Locale.ROOT, "Cold start to a shown, responsive window (%d runs, ms; goal < 2,000)%n", runs);
        System.out.printf(Locale.ROOT, "%-58s %8s %8s %8s%n", "measure", "min", "median", "max");
        row("launcher: process start -> responsive window", launcherSamples, "wall");
        row("  of which the script and the JVM before its clock starts", launcherSamples, "beforeJvm");
        row("  JVM start -> DesktopApp.start()", launcherSamples, "fxStart");
        row("  JVM start -> workspace open (H2)", launcherSamples, "workspaceOpen");
        row("  JVM start -> panes built, before show()", launcherSamples, "built");
        row("  JVM start -> show() returned", launcherSamples, "show");
        row("  JVM start -> first pulse after show()", launcherSamples, "firstPulse");
        row("  JVM start -> FX thread answers a runLater", launcherSamples, "responsive");
        row("  CPU time of the whole process until then", launcherSamples, "processCpu");
        row("  CPU time of the FX thread until then", launcherSamples, "responsive.threadCpu");
        row("  JVM start -> pane's background work done (rows, tokens)", launcherSamples, "settled");
        row("launcher, first start (records the AOT cache)", List.of(training), "wall");
        row("java -jar (no AOT cache): process start -> responsive", samples, "wall");
        row("  CPU time of the whole process until then", samples, "processCpu");
        System.out.println("(the launcher starts the window without jdk.incubator.vector and with an AOT cache in"
                + " XDG_CACHE_HOME; java -jar here passes the command line's flags, as the tests do)");
        System.out.println();
    }

    /** Starts the app with {@code java -jar}, waits for it to exit, returns its marks plus {@code wall}. */
    private static Map<String, Long> start(List<String> base, Path app, Path ws, Path probe, String exit, int timeout)
            throws Exception {
        var cmd = new ArrayList<>(base);
        cmd.add("-D" + StartupProbe.FILE + "=" + probe);
        cmd.add("-D" + StartupProbe.EXIT + "=" + exit);
        cmd.addAll(List.of("-jar", app.resolve("rag-workbench.jar").toString(), "--workspace", ws.toString()));
        return run(new ProcessBuilder(cmd), probe, timeout);
    }

    /**
     * Starts the app with its launcher script, which first looks for a JDK 25 as a user's shell would and keeps its
     * AOT cache under {@code cache}.
     */
    private static Map<String, Long> startWithLauncher(Path app, Path ws, Path prefs, Path cache, Path probe)
            throws Exception {
        var pb = new ProcessBuilder(app.resolve("rag-workbench").toString(), "--workspace", ws.toString());
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("RAG_WORKBENCH_JAVA");
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        pb.environment().put("RAG_WORKBENCH_JVM_OPTS", "-Djava.util.prefs.userRoot=" + prefs + " -D" + StartupProbe.FILE
                + "=" + probe + " -D" + StartupProbe.EXIT + "=shown");
        var marks = run(pb, probe, 120);
        // the JVM's own start time against the process's: what the script spent before exec'ing java
        marks.put("beforeJvm", marks.get("wall") - marks.get("responsive"));
        return marks;
    }

    private static Map<String, Long> run(ProcessBuilder pb, Path probe, int timeoutSeconds) throws Exception {
        Files.deleteIfExists(probe);
        pb.redirectErrorStream(true);
        pb.redirectOutput(probe.resolveSibling(probe.getFileName() + ".log").toFile());
        long spawned = System.currentTimeMillis();
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the app did not exit within " + timeoutSeconds + " s; see " + probe + ".log");
        }
        if (!Files.exists(probe)) {
            throw new IllegalStateException("the app wrote no probe (exit " + p.exitValue() + "); see " + probe + ".log");
        }
        var marks = new HashMap<String, Long>();
        for (String line : Files.readAllLines(probe)) {
            int eq = line.indexOf('=');
            marks.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1)));
        }
        if (marks.containsKey("epochMillis")) {
            marks.put("wall", marks.get("epochMillis") - spawned);
        }
        return marks;
    }

    private static void row(String label, List<Map<String, Long>> samples, String key) {
        long[] v = samples.stream().mapToLong(m -> m.getOrDefault(key, -1L)).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-52s %,8d %,8d %,8d%n", label, v[0], v[v.length / 2], v[v.length - 1]);
    }

    /** The first {@code n} SciFact abstracts with a title, as Markdown. */
    private static List<String> abstracts(Path corpus, int n) throws IOException {
        var mapper = new ObjectMapper();
        var out = new ArrayList<String>();
        try (BufferedReader in = Files.newBufferedReader(corpus)) {
            String line;
            while (out.size() < n && (line = in.readLine()) != null) {
                var node = mapper.readTree(line);
                String title = node.path("title").asText("").strip();
                String text = node.path("text").asText("").strip();
                if (!title.isEmpty() && !text.isEmpty()) {
                    out.add("# " + title + "\n\n" + text + "\n");
                }
            }
        }
        if (out.size() < n) {
            throw new IllegalStateException(corpus + " has only " + out.size() + " abstracts");
        }
        return out;
    }

    private static String loadAverage() {
        try {
            return "load average " + Files.readString(Path.of("/proc/loadavg")).strip().split(" ")[0]
                   + " at start";
        } catch (IOException | RuntimeException e) {
            return "load average unknown";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
