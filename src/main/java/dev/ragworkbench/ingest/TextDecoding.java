package dev.ragworkbench.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * Strict decoding of text files. There is deliberately no windows-1252 fallback: it accepts every byte sequence, so
 * a file in any other legacy encoding would silently turn into mojibake that then gets chunked, embedded and scored.
 * Failing with a clear "save it as UTF-8" reason is cheaper for the user than wrong retrieval results.
 */
final class TextDecoding {

    private TextDecoding() {
    }

    /** Decodes UTF-8 (optional BOM) or BOM-marked UTF-16; rejects binary content and invalid bytes. */
    static String decode(byte[] bytes) throws UnreadableException {
        // Notepad's "Unicode" is UTF-16 with a BOM; it is full of NUL bytes, so it is recognised before the binary test.
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return strict(bytes, 2, StandardCharsets.UTF_16BE, "UTF-16");
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return strict(bytes, 2, StandardCharsets.UTF_16LE, "UTF-16");
        }
        rejectBinary(bytes);
        int offset = startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        return strict(bytes, offset, StandardCharsets.UTF_8, "UTF-8");
    }

    /** Fails when the bytes contain NUL, which no text format of ours has but nearly every binary format does. */
    static void rejectBinary(byte[] bytes) throws UnreadableException {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new UnreadableException("binary file (contains NUL bytes), not text");
            }
        }
    }

    /** Whether {@code bytes[offset..]} are valid UTF-8. */
    static boolean isValidUtf8(byte[] bytes, int offset) {
        try {
            strict(bytes, offset, StandardCharsets.UTF_8, "UTF-8");
            return true;
        } catch (UnreadableException e) {
            return false;
        }
    }

    static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Unifies CRLF and CR line ends so chunkers see one kind of paragraph break and re-saved files hash the same. */
    static String normalizeLineEnds(String text) {
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static String strict(byte[] bytes, int offset, Charset charset, String name) throws UnreadableException {
        var decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        try {
            return decoder.decode(in).toString();
        } catch (MalformedInputException e) {
            int at = in.position();
            String badByte = at < bytes.length ? String.format(" 0x%02X", bytes[at] & 0xFF) : "";
            throw new UnreadableException("not valid " + name + " (byte" + badByte + " at offset " + at
                    + "); save the file as UTF-8", e);
        } catch (CharacterCodingException e) {
            throw new UnreadableException("not valid " + name + ": " + e.getMessage() + "; save the file as UTF-8", e);
        }
    }
}
