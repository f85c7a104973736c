package dev.ragworkbench.ingest;

import java.io.IOException;
import java.nio.file.Path;

/** Turns one file of one format into a {@link Document}. Implementations are stateless and thread-safe. */
public interface DocumentReader {

    /** The {@link Document#type()} this reader produces. */
    String type();

    /**
     * Reads {@code file} as the document {@code id}.
     *
     * @throws UnreadableException when the content cannot be used (corrupt, binary, not UTF-8, no text), with the reason
     * @throws IOException         when the file itself cannot be read
     */
    Document read(Path file, String id) throws UnreadableException, IOException;
}
