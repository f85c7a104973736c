package dev.ragworkbench.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The identity of a one-file import source (a BEIR {@code corpus.jsonl}): its path, size, modification time and
 * CRC-32 and CRC-32C of its bytes. Equal stamps mean importing the file again reads what the last import read.
 * Not SHA-256: this runs at a command's start, before the JIT has compiled anything, and the JDK's SHA-256 is
 * Java code that the interpreter runs at a few MB/s (seconds for SciFact's 8 MB), while both CRCs are native or
 * intrinsic from the first call (tens of milliseconds); a change detector needs no collision resistance. Folders
 * have no stamp (the import compares their files one by one).
 */
public final class SourceStamp {

    private SourceStamp() {
    }

    public static Optional<String> of(Path source) {
        if (!Files.isRegularFile(source)) {
            return Optional.empty();
        }
        var crc = new CRC32();
        var crcC = new CRC32C();
        try (InputStream in = Files.newInputStream(source)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                crc.update(buffer, 0, n);
                crcC.update(buffer, 0, n);
            }
            return Optional.of(source.toAbsolutePath().normalize() + "\n" + Files.size(source) + "\n"
                    + Files.getLastModifiedTime(source).toMillis() + "\n" + Long.toHexString(crc.getValue()) + "-"
                    + Long.toHexString(crcC.getValue()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }
}
