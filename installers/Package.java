import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Builds the current OS's installers from the app that {@code mvn package} leaves in {@code target/app}.
 * <p>
 * A single-file Java program (run with JDK 25's {@code java installers/Package.java ...}) rather than one shell
 * script per OS: the same code runs on the Linux, macOS and Windows runners, needs nothing but the JDK, and calls
 * jdeps, jlink and jpackage through {@link ToolProvider}.
 * <p>
 * Steps: copy the app into a staging folder, stripping other OSes' native libraries from the jars that carry them
 * (onnxruntime, DJL tokenizers, JNA); find the JDK modules the app needs with jdeps and jlink a runtime of just
 * those; jpackage an app image; package it (Linux .deb/.rpm and a .tar.gz of the image, macOS .dmg, Windows .msi)
 * into the output folder.
 * <p>
 * Usage: {@code java installers/Package.java --app target/app --out target/installer --work target/installer-work
 * --version 0.1.0-SNAPSHOT [--types deb,rpm,app-image]}
 */
public class Package {

    static final String MAIN_JAR = "rag-workbench.jar";
    static final String MAIN_CLASS = "dev.ragworkbench.Main";
    /** target/app's launcher script, as installed beside the jar (lib/app/) on Linux; the desktop entry runs it. */
    static final String WINDOW_SCRIPT = "rag-workbench-window";
    static final String DESCRIPTION = "Compare retrieval set-ups for RAG on your own documents, with numbers.";
    static final String VENDOR = "RAG Workbench";

    /** JVM options of the installed launcher: the same as target/app/rag-workbench's, plus the installed marker. */
    static final List<String> JAVA_OPTIONS = List.of(
            "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
            "-Dragworkbench.installed=true");

    /**
     * Modules jdeps cannot see because they are only reached through reflection or ServiceLoader: the vector API
     * (Lucene), sun.misc.Unsafe (several libraries probe for it), the zip file system, the extra charsets (documents
     * in legacy encodings), EC crypto (TLS, should a library fetch anything) and the HotSpot management beans.
     */
    static final List<String> EXTRA_MODULES = List.of(
            "jdk.incubator.vector", "jdk.unsupported", "jdk.zipfs", "jdk.charsets", "jdk.crypto.ec",
            // Lucene asks HotSpotDiagnosticMXBean whether it runs on HotSpot; without jdk.management it decides it
            // does not and turns off its vector code ("Java runtime is not using Hotspot VM").
            "jdk.management");

    /** Linux libraries that JavaFX's, onnxruntime's and the tokenizers' natives link to, found with readelf/ldd. */
    static final String DEB_DEPS = String.join(", ",
            "libc6", "libstdc++6", "libgcc-s1",
            "libgtk-3-0 | libgtk-3-0t64", "libglib2.0-0 | libglib2.0-0t64", "libatk1.0-0 | libatk1.0-0t64",
            "libpango-1.0-0", "libpangocairo-1.0-0", "libpangoft2-1.0-0", "libcairo2", "libcairo-gobject2",
            "libgdk-pixbuf-2.0-0", "libfontconfig1", "libfreetype6",
            "libx11-6", "libxtst6", "libxxf86vm1", "libgl1");
    /** The same libraries for rpm, named by soname so the requirement means the same on Fedora and openSUSE. */
    static final String RPM_DEPS = String.join(", ",
            "libgtk-3.so.0()(64bit)", "libgdk-3.so.0()(64bit)", "libglib-2.0.so.0()(64bit)",
            "libatk-1.0.so.0()(64bit)", "libpango-1.0.so.0()(64bit)", "libpangocairo-1.0.so.0()(64bit)",
            "libpangoft2-1.0.so.0()(64bit)", "libcairo.so.2()(64bit)", "libcairo-gobject.so.2()(64bit)",
            "libgdk_pixbuf-2.0.so.0()(64bit)", "libfontconfig.so.1()(64bit)", "libfreetype.so.6()(64bit)",
            "libX11.so.6()(64bit)", "libXtst.so.6()(64bit)", "libXxf86vm.so.1()(64bit)", "libGL.so.1()(64bit)",
            "libstdc++.so.6()(64bit)");

    enum Os { LINUX, MAC, WINDOWS }

    final Os os;
    final boolean arm;
    final Path app;
    final Path out;
    final Path work;
    final Path installers;
    final String projectVersion;
    final List<String> types;

    Package(Map<String, String> args) {
        String osName = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        os = osName.contains("win") ? Os.WINDOWS : osName.contains("mac") ? Os.MAC : Os.LINUX;
        String arch = System.getProperty("os.arch");
        arm = arch.equals("aarch64") || arch.equals("arm64");
        app = Path.of(required(args, "app")).toAbsolutePath();
        out = Path.of(required(args, "out")).toAbsolutePath();
        work = Path.of(required(args, "work")).toAbsolutePath();
        installers = Path.of(args.getOrDefault("installers", "installers")).toAbsolutePath();
        projectVersion = required(args, "version");
        String t = args.getOrDefault("types", "");
        types = t.isBlank() ? defaultTypes() : Arrays.asList(t.split(","));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            if (!argv[i].startsWith("--")) throw new IllegalArgumentException("expected --name value, got " + argv[i]);
            args.put(argv[i].substring(2), argv[i + 1]);
        }
        new Package(args).run();
    }

    static String required(Map<String, String> args, String name) {
        String v = args.get(name);
        if (v == null || v.isBlank()) throw new IllegalArgumentException("missing --" + name);
        return v;
    }

    // ---------------------------------------------------------------------------------------------------- versions

    /**
     * The installer version derived from the Maven version. jpackage accepts only dot-separated numbers: the
     * qualifier ({@code -SNAPSHOT}, {@code -rc1}) is dropped and at most three numbers are kept
     * (0.1.0-SNAPSHOT becomes 0.1.0). macOS also refuses a leading 0, so there the numbers shift left while the
     * major version is 0: 0.1.0 becomes 1.0.0, 0.2.3 becomes 2.3.0; 1.2.3 stays 1.2.3.
     */
    static String installerVersion(String mavenVersion, Os os) {
        String numeric = mavenVersion.split("[-+]", 2)[0];
        List<Integer> parts = new ArrayList<>();
        for (String p : numeric.split("\\.")) {
            if (!p.matches("\\d+")) break;
            parts.add(Integer.parseInt(p));
        }
        if (parts.isEmpty()) throw new IllegalArgumentException("no version numbers in " + mavenVersion);
        while (parts.size() > 3) parts.removeLast();
        if (os == Os.MAC) {
            while (!parts.isEmpty() && parts.getFirst() == 0) parts.removeFirst();
            if (parts.isEmpty()) parts.add(1);
        }
        while (parts.size() < 3) parts.add(0);
        return String.join(".", parts.stream().map(String::valueOf).toList());
    }

    // ---------------------------------------------------------------------------------------------------- the run

    List<String> defaultTypes() {
        return switch (os) {
            case LINUX -> {
                List<String> t = new ArrayList<>(List.of("app-image"));
                if (onPath("dpkg-deb")) t.add("deb"); else warn("dpkg-deb not found: no .deb");
                if (onPath("rpmbuild")) t.add("rpm"); else warn("rpmbuild not found: no .rpm (install the rpm package)");
                yield t;
            }
            case MAC -> List.of("dmg");
            case WINDOWS -> List.of("msi");
        };
    }

    /** Launcher and package name: a plain command name on Linux, the display name where the OS shows it. */
    String name() {
        return os == Os.LINUX ? "rag-workbench" : "RAG Workbench";
    }

    void run() throws IOException {
        String version = installerVersion(projectVersion, os);
        log("RAG Workbench " + projectVersion + " -> installer version " + version + " for " + os
            + (arm ? " aarch64" : " x64") + ": " + types);
        if (!Files.isRegularFile(app.resolve(MAIN_JAR))) {
            throw new IllegalStateException(app.resolve(MAIN_JAR) + " is missing: run mvn package first");
        }
        deleteTree(work);
        deleteTree(out); // only this run's installers, so a listing or an upload never picks up an old one
        Files.createDirectories(work);
        Files.createDirectories(out);

        Path input = work.resolve("input");
        stageApp(input);
        Path runtime = work.resolve("runtime");
        jlink(input, runtime);
        Path images = work.resolve("image");
        Path image = appImage(input, runtime, images, version);
        smokeTest(image);

        for (String type : types) {
            switch (type) {
                case "app-image" -> archiveImage(image, version);
                case "deb", "rpm", "dmg", "pkg", "msi", "exe" -> nativePackage(type, image, version);
                default -> throw new IllegalArgumentException("unknown installer type " + type);
            }
        }
        log("done:");
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.sorted().toList()) {
                if (Files.isRegularFile(f)) log(String.format("  %-48s %6.1f MB", f.getFileName(), mb(Files.size(f))));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- staging

    /** Copies the main jar and lib/ into {@code input}, stripping foreign natives from the jars that carry them. */
    void stageApp(Path input) throws IOException {
        Files.createDirectories(input.resolve("lib"));
        Files.copy(app.resolve(MAIN_JAR), input.resolve(MAIN_JAR));
        if (os == Os.LINUX) {
            // The desktop entry starts the window through target/app's launcher script, run with the bundled
            // runtime: it keeps an AOT cache in the user's cache folder, which jpackage's launcher (fixed
            // options, no user paths) cannot, and that halves the window's start (README, Installers).
            Path script = input.resolve(WINDOW_SCRIPT);
            Files.copy(app.resolve("rag-workbench"), script);
            script.toFile().setExecutable(true, false);
        }
        long before = 0, after = 0;
        try (Stream<Path> libs = Files.list(app.resolve("lib"))) {
            for (Path jar : libs.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                Path target = input.resolve("lib").resolve(jar.getFileName());
                before += Files.size(jar);
                if (stripNatives(jar, target)) {
                    log(String.format("stripped other platforms' natives: %s %.1f MB -> %.1f MB",
                            jar.getFileName(), mb(Files.size(jar)), mb(Files.size(target))));
                } else {
                    Files.copy(jar, target);
                }
                after += Files.size(target);
            }
        }
        log(String.format("libraries: %.1f MB -> %.1f MB", mb(before), mb(after)));
    }

    /** Platform folder names of this OS and architecture, as each library spells them. */
    List<String> platformDirs() {
        return switch (os) {
            case LINUX -> arm ? List.of("linux-aarch64") : List.of("linux-x64", "linux-x86_64", "linux-x86-64");
            case MAC -> arm ? List.of("osx-aarch64", "darwin-aarch64") : List.of("osx-x64", "osx-x86_64", "darwin-x86-64");
            case WINDOWS -> List.of("win-x64", "win-x86_64", "win32-x86-64");
        };
    }

    /** Roots under which a library keeps one folder of natives per platform. */
    static final List<String> NATIVE_ROOTS = List.of(
            "ai/onnxruntime/native/", // onnxruntime: linux-x64, osx-aarch64, win-x64, ...
            "native/lib/",            // DJL tokenizers: linux-x86_64, osx-aarch64, win-x86_64, ...
            "com/sun/jna/");          // JNA: linux-x86-64, darwin-aarch64, win32-x86-64, ...

    /** Whether a jar entry is a native file (or debug symbols) for another platform than this one. */
    boolean foreign(String entry) {
        if (entry.endsWith(".class")) return false;
        if (entry.endsWith(".pdb") || entry.contains(".dSYM/")) return true; // debug symbols: never needed
        for (String root : NATIVE_ROOTS) {
            if (!entry.startsWith(root)) continue;
            String rest = entry.substring(root.length());
            int slash = rest.indexOf('/');
            if (slash < 0) return false;                     // a file in the root, e.g. tokenizers.properties
            String dir = rest.substring(0, slash);
            // Platform folders are named os-arch; Java packages such as com/sun/jna/win32 have no dash.
            return dir.contains("-") && !platformDirs().contains(dir);
        }
        return false;
    }

    /** Writes {@code jar} without foreign natives to {@code target}; false (and nothing written) if it has none. */
    boolean stripNatives(Path jar, Path target) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.stream().noneMatch(e -> foreign(e.getName()))) return false;
            try (ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(target))) {
                for (ZipEntry e : zip.stream().toList()) {
                    if (foreign(e.getName())) continue;
                    ZipEntry copy = new ZipEntry(e.getName());
                    copy.setTime(e.getTime());
                    zout.putNextEntry(copy);
                    try (InputStream in = zip.getInputStream(e)) {
                        in.transferTo(zout);
                    }
                    zout.closeEntry();
                }
            }
            return true;
        }
    }

    // ---------------------------------------------------------------------------------------------------- runtime

    /**
     * A runtime of just the JDK modules the app uses. JavaFX stays on the class path as Maven jars (as in
     * target/app), so only JDK modules are linked: the app runs exactly as it is built and tested.
     */
    void jlink(Path input, Path runtime) {
        List<String> classPath = new ArrayList<>();
        try (Stream<Path> libs = Files.list(input.resolve("lib"))) {
            libs.sorted().forEach(p -> classPath.add(p.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String deps = tool("jdeps", "--print-module-deps", "--ignore-missing-deps", "--multi-release", "25",
                "--recursive", "--class-path", String.join(java.io.File.pathSeparator, classPath),
                input.resolve(MAIN_JAR).toString()).strip();
        String found = deps.lines().reduce((a, b) -> b).orElse("");
        TreeSet<String> modules = new TreeSet<>(Arrays.asList(found.split(",")));
        modules.addAll(EXTRA_MODULES);
        modules.remove("");
        log("jdeps: " + found);
        log("jlink modules: " + String.join(",", modules));
        List<String> a = new ArrayList<>(List.of("--add-modules", String.join(",", modules),
                "--output", runtime.toString(),
                // bin/java stays (no --strip-native-commands): the window's launcher script and the JVM's AOT
                // cache assembly run it
                "--strip-debug", "--no-header-files", "--no-man-pages"));
        // No --generate-cds-archive: its two archives add 29 MB to the runtime (the .deb must stay under 200 MB)
        // to save a fraction of a second on a start that takes several (most of it is JavaFX and the app itself).
        tool("jlink", a.toArray(String[]::new));
        // The JDK's libjvm.so keeps its symbol table (29.8 MB; 24.8 MB without). jlink's
        // --strip-native-debug-symbols leaves it alone when linking from a JDK without jmods, so strip it here.
        Path libjvm = runtime.resolve("lib/server/libjvm.so");
        if (os == Os.LINUX && Files.exists(libjvm) && onPath("strip")) {
            runQuietly(runtime, "strip", "--strip-unneeded", libjvm.toString());
        }
        log(String.format("runtime: %.1f MB", mb(treeSize(runtime))));
    }

    // ---------------------------------------------------------------------------------------------------- jpackage

    List<String> common(String version) {
        List<String> a = new ArrayList<>(List.of("--name", name(), "--app-version", version, "--vendor", VENDOR,
                "--description", DESCRIPTION, "--copyright", "RAG Workbench contributors"));
        return a;
    }

    Path appImage(Path input, Path runtime, Path dest, String version) {
        List<String> a = common(version);
        a.addAll(List.of("--type", "app-image", "--dest", dest.toString(), "--input", input.toString(),
                "--main-jar", MAIN_JAR, "--main-class", MAIN_CLASS, "--runtime-image", runtime.toString(),
                "--icon", icon().toString()));
        for (String o : JAVA_OPTIONS) a.addAll(List.of("--java-options", o));
        switch (os) {
            case MAC -> a.addAll(List.of("--mac-package-identifier", "dev.ragworkbench",
                    "--mac-package-name", "RAG Workbench", "--mac-app-category", "developer-tools"));
            case WINDOWS -> a.addAll(List.of(
                    // The window launcher has no console; a second launcher for the command line keeps one.
                    "--add-launcher", "rag-workbench-cli=" + installers.resolve("windows/cli-launcher.properties")));
            case LINUX -> { }
        }
        tool("jpackage", a.toArray(String[]::new));
        Path image = dest.resolve(os == Os.MAC ? name() + ".app" : name());
        log(String.format("app image: %s %.1f MB", image, mb(treeSize(image))));
        return image;
    }

    Path icon() {
        return installers.resolve("icons").resolve(switch (os) {
            case LINUX -> "rag-workbench.png";
            case MAC -> "rag-workbench.icns";
            case WINDOWS -> "rag-workbench.ico";
        });
    }

    void nativePackage(String type, Path image, String version) {
        List<String> a = common(version);
        a.addAll(List.of("--type", type, "--app-image", image.toString(), "--dest", out.toString()));
        switch (os) {
            case LINUX -> {
                a.addAll(List.of("--linux-package-name", "rag-workbench", "--install-dir", "/opt",
                        "--linux-shortcut", "--linux-menu-group", "Development;Science;",
                        "--linux-app-release", "1", "--icon", icon().toString(),
                        "--resource-dir", installers.resolve("linux/resources").toString(),
                        "--about-url", "https://github.com/ragworkbench/rag-workbench"));
                if (type.equals("deb")) {
                    a.addAll(List.of("--linux-deb-maintainer", "maintainers@ragworkbench.dev",
                            "--linux-app-category", "devel", "--linux-package-deps", DEB_DEPS));
                } else {
                    a.addAll(List.of("--linux-app-category", "Development/Tools", "--linux-rpm-license-type",
                            "Apache-2.0", "--linux-package-deps", RPM_DEPS));
                }
            }
            case MAC -> a.addAll(List.of("--mac-package-identifier", "dev.ragworkbench",
                    "--mac-package-name", "RAG Workbench"));
            case WINDOWS -> a.addAll(List.of("--win-menu", "--win-menu-group", "RAG Workbench", "--win-shortcut",
                    "--win-dir-chooser", "--win-per-user-install",
                    // Fixed, so that a newer .msi upgrades an installed older one instead of installing beside it.
                    "--win-upgrade-uuid", "5d0e7c52-8d3b-4f6e-9a51-3c1f2b7e9a10"));
        }
        long t0 = System.nanoTime();
        tool("jpackage", a.toArray(String[]::new));
        log(String.format("%s built in %.0f s", type, (System.nanoTime() - t0) / 1e9));
    }

    /** The app image as a .tar.gz, for Linux users who want no package manager (unpack, run bin/rag-workbench). */
    void archiveImage(Path image, String version) throws IOException {
        if (os != Os.LINUX) return;
        Path archive = out.resolve("rag-workbench-" + version + "-linux-" + (arm ? "aarch64" : "x64") + ".tar.gz");
        Files.deleteIfExists(archive);
        run(image.getParent(), "tar", "-czf", archive.toString(), image.getFileName().toString());
    }

    /** The installed launcher runs a command that touches the database: the runtime has the modules it needs. */
    void smokeTest(Path image) throws IOException {
        Path launcher = switch (os) {
            case LINUX -> image.resolve("bin").resolve(name());
            case MAC -> image.resolve("Contents/MacOS").resolve(name());
            case WINDOWS -> image.resolve("rag-workbench-cli.exe");
        };
        Path ws = work.resolve("smoke-workspace");
        String output = run(work, launcher.toString(), "indexes", "list", "--workspace", ws.toString());
        log("smoke test: " + output.strip().lines().reduce((a, b) -> b).orElse(""));
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    static String tool(String name, String... args) {
        ToolProvider tool = ToolProvider.findFirst(name)
                .orElseThrow(() -> new IllegalStateException(name + " not found: run on a JDK 25 with jpackage"));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(new TeeStream(buf, name.equals("jdeps") ? OutputStream.nullOutputStream() : System.out), true);
        int rc = tool.run(print, print, args);
        if (rc != 0) {
            if (name.equals("jdeps")) System.out.print(buf); // the others' output was shown as it came
            throw new IllegalStateException(name + " failed with exit code " + rc + ": " + String.join(" ", args));
        }
        return buf.toString();
    }

    static String run(Path dir, String... command) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        try {
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return output;
    }

    static void runQuietly(Path dir, String... command) {
        try {
            run(dir, command);
        } catch (IOException | IllegalStateException e) {
            warn(e.getMessage());
        }
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }

    static long treeSize(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    static double mb(long bytes) {
        return bytes / 1e6;
    }

    static void log(String message) {
        System.out.println("[installer] " + message);
    }

    static void warn(String message) {
        System.out.println("[installer] WARNING: " + message);
    }

    /** Writes to two streams: the tools' output is shown and kept. */
    static final class TeeStream extends OutputStream {
        final OutputStream a, b;

        TeeStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
