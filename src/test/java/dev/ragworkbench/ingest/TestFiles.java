package dev.ragworkbench.ingest;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Real files for the tests, written into a temporary folder. */
final class TestFiles {

    private TestFiles() {
    }

    static Path write(Path dir, String relative, String content) throws IOException {
        return write(dir, relative, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String relative, byte[] content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    /** A PDF with one page per entry of {@code pages}, each holding its lines, and the given info title. */
    static byte[] pdf(String title, String author, String[]... pages) throws IOException {
        try (var doc = new PDDocument(); var out = new ByteArrayOutputStream()) {
            var font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (String[] lines : pages) {
                var page = new PDPage();
                doc.addPage(page);
                try (var content = new PDPageContentStream(doc, page)) {
                    content.beginText();
                    content.setFont(font, 12);
                    content.newLineAtOffset(72, 700);
                    for (String line : lines) {
                        content.showText(line);
                        content.newLineAtOffset(0, -16);
                    }
                    content.endText();
                }
            }
            if (title != null) {
                doc.getDocumentInformation().setTitle(title);
            }
            if (author != null) {
                doc.getDocumentInformation().setAuthor(author);
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** The start of a real PNG: signature, IHDR chunk header with its NUL bytes. */
    static byte[] pngLike() {
        return new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R',
                0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, (byte) 0xC4, (byte) 0x89};
    }
}
