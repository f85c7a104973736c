package dev.ragworkbench.ui;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small Markdown and PDF files for the UI tests. */
final class TestDocs {

    private TestDocs() {
    }

    static final String PARAGRAPH = "Retrieval augmented generation finds passages that answer a question and hands "
            + "them to a language model. Chunk size decides how much context each passage carries, and overlap "
            + "decides how often an answer is cut in two by a boundary between chunks. ";

    static void markdown(Path file, String title, int paragraphs) throws IOException {
        var sb = new StringBuilder("# ").append(title).append("\n\n");
        for (int i = 0; i < paragraphs; i++) {
            sb.append("Paragraph ").append(i + 1).append(". ").append(PARAGRAPH.repeat(1 + i % 3)).append("\n\n");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb.toString());
    }

    /** A PDF with one page per entry of {@code pages}, each a few lines of Helvetica. */
    static void pdf(Path file, String title, List<String> pages) throws IOException {
        Files.createDirectories(file.getParent());
        try (var doc = new PDDocument()) {
            doc.getDocumentInformation().setTitle(title);
            var font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (String text : pages) {
                var page = new PDPage();
                doc.addPage(page);
                try (var out = new PDPageContentStream(doc, page)) {
                    out.beginText();
                    out.setFont(font, 11);
                    out.setLeading(14);
                    out.newLineAtOffset(56, 720);
                    for (String line : wrap(text, 90)) {
                        out.showText(line);
                        out.newLine();
                    }
                    out.endText();
                }
            }
            doc.save(file.toFile());
        }
    }

    private static List<String> wrap(String text, int width) {
        var lines = new java.util.ArrayList<String>();
        var line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (line.length() + word.length() + 1 > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** A folder of Markdown and PDF files: {@code md} Markdown files and {@code pdfs} PDFs. */
    static Path mixedFolder(Path dir, int md, int pdfs) throws IOException {
        for (int i = 0; i < md; i++) {
            markdown(dir.resolve(String.format("note-%02d.md", i + 1)), "Field note " + (i + 1), 3 + i % 4);
        }
        for (int i = 0; i < pdfs; i++) {
            pdf(dir.resolve(String.format("report-%02d.pdf", i + 1)), "Quarterly report " + (i + 1),
                    List.of("Report " + (i + 1) + " page one. " + PARAGRAPH, "Page two. " + PARAGRAPH + PARAGRAPH));
        }
        return dir;
    }
}
