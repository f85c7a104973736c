package dev.ragworkbench.ingest;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PDF text, page by page, so chunks can cite the page they come from. */
final class PdfReader implements DocumentReader {

    @Override
    public String type() {
        return "pdf";
    }

    @Override
    public Document read(Path file, String id) throws UnreadableException, IOException {
        try (PDDocument pdf = load(file)) {
            var stripper = new PDFTextStripper();
            // The platform separator would put \r\n into the text on Windows and change hashes and offsets.
            stripper.setLineSeparator("\n");
            stripper.setSortByPosition(true);
            var text = new StringBuilder();
            var pageStarts = new ArrayList<Integer>(pdf.getNumberOfPages());
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                pageStarts.add(text.length());
                String pageText = stripText(stripper, pdf, page);
                text.append(pageText);
                // A blank line between pages keeps a paragraph break a chunker can see.
                if (!pageText.isEmpty() && !pageText.endsWith("\n\n")) {
                    text.append(pageText.endsWith("\n") ? "\n" : "\n\n");
                }
            }
            String all = text.toString();
            if (all.isBlank()) {
                throw new UnreadableException("no text (" + pdf.getNumberOfPages()
                        + " page(s) without a text layer; a scanned PDF needs OCR first)");
            }
            PDDocumentInformation info = pdf.getDocumentInformation();
            String title = info.getTitle() == null || info.getTitle().isBlank()
                    ? PlainTextReader.fileName(file) : info.getTitle().strip();
            return new Document(id, file.toString(), title, all, ContentHash.of(all), type(), metadata(pdf, info),
                    pageStarts);
        }
    }

    private static PDDocument load(Path file) throws UnreadableException, IOException {
        // Opening through NIO first gives a missing or forbidden file its own exception; PDFBox would report it
        // like a corrupt PDF.
        try (var probe = Files.newByteChannel(file)) {
            probe.size();
        }
        try {
            return Loader.loadPDF(file.toFile());
        } catch (InvalidPasswordException e) {
            throw new UnreadableException("encrypted PDF (needs a password to open)", e);
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UnreadableException("corrupt or not a PDF: " + e.getMessage(), e);
        }
    }

    private static String stripText(PDFTextStripper stripper, PDDocument pdf, int page) throws UnreadableException {
        try {
            return stripper.getText(pdf);
        } catch (IOException | RuntimeException e) {
            // PDFBox loads damaged files leniently and may only fail when a page's content is parsed.
            throw new UnreadableException("corrupt PDF: page " + page + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> metadata(PDDocument pdf, PDDocumentInformation info) {
        var meta = new LinkedHashMap<String, String>();
        put(meta, "author", info.getAuthor());
        put(meta, "subject", info.getSubject());
        put(meta, "keywords", info.getKeywords());
        put(meta, "creator", info.getCreator());
        put(meta, "producer", info.getProducer());
        put(meta, "created", iso(info.getCreationDate()));
        put(meta, "modified", iso(info.getModificationDate()));
        meta.put("pages", Integer.toString(pdf.getNumberOfPages()));
        return meta;
    }

    private static void put(Map<String, String> meta, String key, String value) {
        if (value != null && !value.isBlank()) {
            meta.put(key, value.strip());
        }
    }

    private static String iso(Calendar calendar) {
        return calendar == null ? null : calendar.toInstant().toString();
    }
}
