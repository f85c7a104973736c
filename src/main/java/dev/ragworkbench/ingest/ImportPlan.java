package dev.ragworkbench.ingest;

import dev.ragworkbench.format.Formats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which corpus each of several dropped or named paths goes into, decided before anything is read, so that a
 * cancelled or failed import can still say where its documents went. The window's drop and the command line's
 * {@code import PATH...} make the same plan.
 *
 * @param sources the paths (files or folders), absolute
 * @param corpora the corpus of each source, in the same order
 * @param label   how the import is named to the user: the path's name, or "5 files"
 */
public record ImportPlan(List<Path> sources, List<String> corpora, String label) {

    public ImportPlan {
        sources = List.copyOf(sources);
        corpora = List.copyOf(corpora);
        if (sources.isEmpty() || sources.size() != corpora.size()) {
            throw new IllegalArgumentException("an import needs at least one path, each with its corpus");
        }
    }

    /**
     * Plans importing {@code paths} into {@code corpus}, or, when that is null, each into a corpus named after
     * it, except that several files of one folder go together into a corpus named after the folder. Looks at
     * the paths on disk (which for thousands of files is not for a UI thread).
     */
    public static ImportPlan of(List<Path> paths, String corpus) {
        var sources = paths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("name at least one file or folder to import");
        }
        String label = label(sources);
        String folder = corpus == null ? commonFolderOfFiles(sources) : null;
        var corpora = new ArrayList<String>(sources.size());
        for (Path p : sources) {
            corpora.add(corpus != null ? corpus : folder != null ? folder : CorpusNames.fromPath(p));
        }
        return new ImportPlan(sources, corpora, label);
    }

    /** How an import of {@code paths} is named to the user: the one path's name, or "5 files". */
    public static String label(List<Path> paths) {
        Path first = paths.getFirst();
        return paths.size() == 1 ? (first.getFileName() == null ? first.toString() : first.getFileName().toString())
                : Formats.counted(paths.size(), "file");
    }

    /** The corpus the last path goes into: the one a face shows once the import is done. */
    public String corpus() {
        return corpora.getLast();
    }

    /** The corpus name of the folder holding every one of several files, or null (one path, folders, mixed folders). */
    private static String commonFolderOfFiles(List<Path> sources) {
        if (sources.size() < 2) {
            return null;
        }
        Path parent = sources.getFirst().getParent();
        boolean sameFolderFiles = parent != null && sources.stream()
                .allMatch(p -> parent.equals(p.getParent()) && !Files.isDirectory(p));
        return sameFolderFiles ? CorpusNames.fromPath(parent) : null;
    }

    /** Several imports as one result, under {@code corpus}. */
    public static ImportResult combined(String corpus, List<ImportResult> results) {
        var failures = new ArrayList<ImportFailure>();
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        int duplicates = 0;
        var elapsed = java.time.Duration.ZERO;
        for (var r : results) {
            added += r.added();
            updated += r.updated();
            unchanged += r.unchanged();
            duplicates += r.duplicates();
            failures.addAll(r.failures());
            elapsed = elapsed.plus(r.elapsed());
        }
        return new ImportResult(corpus, results.getFirst().format(), added, updated, unchanged, duplicates, failures,
                elapsed);
    }

    /** What an import did, in one sentence: {@code Imported notes into notes: 6 new, 1 failed.} */
    public static String summary(String label, ImportResult r) {
        var parts = new ArrayList<String>();
        if (r.added() > 0) {
            parts.add(Formats.count(r.added()) + " new");
        }
        if (r.updated() > 0) {
            parts.add(Formats.count(r.updated()) + " updated");
        }
        if (r.unchanged() > 0) {
            parts.add(Formats.count(r.unchanged()) + " unchanged");
        }
        if (r.duplicates() > 0) {
            parts.add(Formats.count(r.duplicates()) + " duplicate");
        }
        if (!r.failures().isEmpty()) {
            parts.add(Formats.count(r.failures().size()) + " failed");
        }
        return "Imported " + label + " into " + r.corpus() + ": "
               + (parts.isEmpty() ? "nothing to import" : String.join(", ", parts)) + ".";
    }
}
