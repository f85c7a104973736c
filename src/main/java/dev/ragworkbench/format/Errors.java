package dev.ragworkbench.format;

import com.fasterxml.jackson.core.JacksonException;

import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * Turns an exception into the one plain sentence a user reads, on the command line ({@code error: …}) and in the
 * window alike: the most useful message of the chain, with the file and line where the exception carries them
 * (a spec or eval-set file's {@code file:LINE: problem}, a missing or locked file, a JSON parse position), on
 * one line, ending in a full stop, and without Java class names. The stack trace is for {@code --verbose} and a
 * dialog's details, never for this sentence.
 */
public final class Errors {

    /** {@code java.io.IOException: }, {@code com.foo.BarError} and the like, wherever they appear in a message. */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*");

    private static final Pattern LINE_BREAK = Pattern.compile("([.;:,])?\\s*\\R\\s*");

    private Errors() {
    }

    /**
     * The sentence as the core wrote it (core messages start in lower case, so that they read inside another
     * sentence: {@code error: corpus 'x' has no documents.}, {@code Importing notes failed: …}).
     */
    public static String sentence(Throwable error) {
        Throwable t = cause(error);
        String m = CLASS_NAME.matcher(describe(t)).replaceAll("");
        // one problem a line (a spec's file:LINE: lines) becomes one sentence of clauses
        m = LINE_BREAK.matcher(m.strip()).replaceAll(r -> r.group(1) != null ? r.group(1) + " " : "; ");
        if (m.isEmpty()) {
            m = unexpected(t);
        }
        return m.endsWith(".") || m.endsWith("?") || m.endsWith("!") ? m : m + ".";
    }

    /** {@link #sentence} standing on its own (a dialog, an error label): it starts with a capital letter. */
    public static String standalone(Throwable error) {
        String s = sentence(error);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The exception whose message says what went wrong: wrappers (async, reflection, unchecked I/O) peeled off. */
    static Throwable cause(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t && isWrapper(t)) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean isWrapper(Throwable t) {
        if (t instanceof CompletionException || t instanceof ExecutionException
            || t instanceof InvocationTargetException) {
            return true;
        }
        String m = t.getMessage();
        // new RuntimeException(cause) and new UncheckedIOException(cause) copy the cause's toString
        return m == null || m.isBlank() || m.equals(t.getCause().toString())
               || t instanceof UncheckedIOException && m.equals(t.getCause().getMessage());
    }

    private static String describe(Throwable t) {
        return switch (t) {
            case NoSuchFileException f -> "file " + f.getFile() + " does not exist";
            case AccessDeniedException f -> "no permission to use " + f.getFile();
            case FileAlreadyExistsException f -> f.getFile() + " already exists";
            case DirectoryNotEmptyException f -> "folder " + f.getFile() + " is not empty";
            case NotDirectoryException f -> f.getFile() + " is not a folder";
            case FileSystemException f when f.getFile() != null ->
                    f.getFile() + ": " + (f.getReason() == null ? "cannot be used" : f.getReason());
            case JacksonException j -> json(j);
            case OutOfMemoryError o -> "not enough memory for this; give the app more (-Xmx) or work on less at once";
            case StackOverflowError s -> "the input nests too deeply to be read";
            default -> t.getMessage() == null ? "" : t.getMessage();
        };
    }

    private static String json(JacksonException j) {
        String what = j.getOriginalMessage() == null ? "malformed JSON" : j.getOriginalMessage();
        var at = j.getLocation();
        return at == null || at.getLineNr() < 1 ? what
                : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + what;
    }

    /** For an exception with no message: what kind of failure it was, in words. */
    private static String unexpected(Throwable t) {
        String name = t.getClass().getSimpleName().replaceAll("(Exception|Error)$", "");
        String words = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).strip();
        return "an unexpected error occurred" + (words.isEmpty() ? "" : " (" + words + ")")
               + "; the log has the details";
    }
}
