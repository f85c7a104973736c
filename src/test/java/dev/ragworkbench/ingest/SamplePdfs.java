package dev.ragworkbench.ingest;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ragworkbench.evaluation.AnswerSpan;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns some of the sample workspace's Markdown articles into PDFs, so a new workspace shows both kinds, and
 * moves their questions onto the PDFs' text: the document id becomes the PDF's file name, the context the text
 * the importer reads from it, and each answer offset the answer's place in that text. Run once by hand (see
 * {@code resources/sample/README.md}); needs the DejaVu fonts, which it embeds as subsets.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat cp.txt) dev.ragworkbench.ingest.SamplePdfs resources/sample a.md b.md</pre>
 */
public final class SamplePdfs {

    private static final Path FONTS = Path.of("/usr/share/fonts/truetype/dejavu");
    private static final float MARGIN = 64;
    private static final float BODY_SIZE = 10.5f;
    private static final float TITLE_SIZE = 16;
    private static final float LEADING = 1.35f;

    private SamplePdfs() {
    }

    public static void main(String[] args) throws IOException, UnreadableException {
        Path sample = Path.of(args[0]);
        Path squadFile = sample.resolve("covid-qa-sample.squad.json");
        var json = new ObjectMapper();
        JsonNode squad = json.readTree(squadFile.toFile());
        Path files = sample.resolve("files.txt");
        String listing = Files.readString(files);
        for (String md : List.of(args).subList(1, args.length)) {
            String pdfName = md.replaceAll("\\.md$", ".pdf");
            Path pdf = sample.resolve("documents").resolve(pdfName);
            String text = Files.readString(sample.resolve("documents").resolve(md));
            write(text, pdf);
            Document read = new PdfReader().read(pdf, pdfName);
            moveQuestions(squad, md, pdfName, read.text());
            Files.delete(sample.resolve("documents").resolve(md));
            listing = listing.replace("documents/" + md + "\n", "documents/" + pdfName + "\n");
            System.out.printf("%s: %d pages, %,d characters%n", pdfName, read.pageStarts().size(), read.text().length());
        }
        Files.writeString(files, listing);
        var printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter(" ", "\n"))
                .withArrayIndenter(new DefaultIndenter(" ", "\n"));
        json.writer(printer).writeValue(squadFile.toFile(), squad);
    }

    /** Lays the article out on A4 pages: the title in bold, then each line of the Markdown wrapped to the width. */
    private static void write(String markdown, Path target) throws IOException {
        var lines = markdown.lines().toList();
        String title = lines.getFirst().replaceFirst("^#\\s*", "");
        try (var doc = new PDDocument()) {
            PDType0Font body = PDType0Font.load(doc, FONTS.resolve("DejaVuSerif.ttf").toFile());
            PDType0Font bold = PDType0Font.load(doc, FONTS.resolve("DejaVuSans-Bold.ttf").toFile());
            var page = new Pager(doc);
            for (String line : wrap(title, bold, TITLE_SIZE)) {
                page.line(line, bold, TITLE_SIZE);
            }
            page.gap(BODY_SIZE);
            for (String paragraph : lines.subList(1, lines.size())) {
                if (paragraph.isBlank()) {
                    page.gap(BODY_SIZE * 0.6f);
                    continue;
                }
                for (String line : wrap(printable(paragraph, body), body, BODY_SIZE)) {
                    page.line(line, body, BODY_SIZE);
                }
            }
            page.close();
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(title);
            info.setSubject("COVID-QA sample article (CORD-19), laid out as a PDF by RAG Workbench");
            info.setCreator("RAG Workbench sample");
            doc.save(target.toFile());
        }
    }

    /** The paragraph with any character the font cannot show replaced, and tabs as spaces. */
    private static String printable(String text, PDType0Font font) throws IOException {
        var out = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String c = cp == '\t' ? " " : new String(Character.toChars(cp));
            try {
                font.encode(c);
                out.append(c);
            } catch (IllegalArgumentException e) {
                out.append('?');
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static List<String> wrap(String text, PDType0Font font, float size) throws IOException {
        float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
        var lines = new ArrayList<String>();
        var line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            } else {
                line.setLength(0);
                line.append(candidate);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Moves the questions of {@code md} onto the PDF's text, each answer at its occurrence nearest its old place. */
    private static void moveQuestions(JsonNode squad, String md, String pdf, String text) {
        for (JsonNode article : squad.path("data")) {
            for (JsonNode paragraph : article.path("paragraphs")) {
                if (!paragraph.path("document_id").asText().equals(md)) {
                    continue;
                }
                String old = paragraph.path("context").asText();
                var p = (ObjectNode) paragraph;
                p.put("document_id", pdf);
                p.put("context", text);
                for (JsonNode qa : paragraph.path("qas")) {
                    for (JsonNode answer : qa.path("answers")) {
                        int start = answer.path("answer_start").asInt();
                        int near = (int) ((long) start * text.length() / Math.max(1, old.length()));
                        var span = new AnswerSpan(pdf, qa.path("id").asText(), "", answer.path("text").asText(), near)
                                .locateIn(text);
                        if (span == null) {
                            throw new IllegalStateException("answer of question " + qa.path("id").asText()
                                    + " not found in " + pdf);
                        }
                        ((ObjectNode) answer).put("answer_start", span.start());
                    }
                }
            }
        }
    }

    /** Writes lines down A4 pages, starting a new page when the next line would not fit. */
    private static final class Pager {
        private final PDDocument doc;
        private PDPageContentStream out;
        private float y;

        Pager(PDDocument doc) throws IOException {
            this.doc = doc;
            newPage();
        }

        void line(String text, PDType0Font font, float size) throws IOException {
            float step = size * LEADING;
            if (y - step < MARGIN) {
                newPage();
            }
            y -= step;
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(MARGIN, y);
            out.showText(text);
            out.endText();
        }

        void gap(float height) {
            y -= height;
        }

        private void newPage() throws IOException {
            close();
            var page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            out = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        void close() throws IOException {
            if (out != null) {
                out.close();
                out = null;
            }
        }
    }
}
