package dev.ragworkbench.chunking;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.embedding.HuggingFaceTextTokenizer;
import dev.ragworkbench.ingest.Document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Real documents and the real MiniLM tokenizer, loaded once per test JVM. */
final class TestData {

    private TestData() {
    }

    /** Shared by all tests; the DJL tokenizer is thread-safe and lives as long as the JVM. */
    static final HuggingFaceTextTokenizer TOKENIZER =
            HuggingFaceTextTokenizer.fromResource("/all-minilm-l6-v2-tokenizer.json");

    private static final Path DATA = Path.of(System.getProperty("ragworkbench.shared.data", "../shared/data"));

    private static List<Document> scifact;
    private static List<Document> covid;

    static Document document(String id, String text) {
        return document(id, text, List.of());
    }

    static Document document(String id, String text, List<Integer> pageStarts) {
        return new Document(id, "test:" + id, id, text, HexFormat.of().formatHex(new byte[]{(byte) text.hashCode()}),
                "text", Map.of(), pageStarts);
    }

    /** Every 25th SciFact abstract (about 200), title and text as an importer would join them. */
    static synchronized List<Document> scifact() {
        if (scifact == null) {
            var mapper = new ObjectMapper();
            try (var lines = Files.lines(DATA.resolve("scifact/corpus.jsonl"))) {
                var all = lines.toList();
                var docs = new ArrayList<Document>();
                for (int i = 0; i < all.size(); i += 25) {
                    var node = mapper.readTree(all.get(i));
                    docs.add(document(node.get("_id").asText(),
                            node.get("title").asText() + "\n\n" + node.get("text").asText()));
                }
                scifact = List.copyOf(docs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return scifact;
    }

    /** The 98 COVID-QA articles, each a long document (about 23,500 characters). */
    static synchronized List<Document> covid() {
        if (covid == null) {
            try {
                var root = new ObjectMapper().readTree(DATA.resolve("covid-qa/200423_covidQA.json").toFile());
                var docs = new ArrayList<Document>();
                for (var article : root.get("data")) {
                    for (var paragraph : article.get("paragraphs")) {
                        docs.add(document("covid-" + docs.size(), paragraph.get("context").asText()));
                    }
                }
                covid = List.copyOf(docs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return covid;
    }

    /** About 50 pages: COVID-QA articles concatenated up to {@code chars}, with a page start every 3,000 chars. */
    static Document longDocument(int chars) {
        var text = new StringBuilder();
        for (Document doc : covid()) {
            if (text.length() >= chars) {
                break;
            }
            text.append(doc.text()).append("\n\n");
        }
        String body = text.substring(0, Math.min(chars, text.length()));
        var pages = new ArrayList<Integer>();
        for (int p = 0; p < body.length(); p += 3_000) {
            pages.add(p);
        }
        return document("long", body, pages);
    }

    static final String GUIDE_MD = """
            Preamble before any header.

            # Intro

            Why this tool exists. It compares retrieval set-ups on your own documents.

            ## Setup

            Install Java 25, then run the build:

            ```bash
            # this is a shell comment, not a header
            mvn -B package
            ## neither is this
            ```

            ### Troubleshooting

            If the build fails, check the toolchain.

            ~~~
            # still code
            ~~~

            ## Usage ##

            Run `rag-workbench compare`.

            # Reference

            #not-a-header because there is no space
            Details follow.
            """;

    static final String NOTES_MD = """
            # Notes
            Short.
            ## A
            a
            ## B
            b
            #### Deep
            deep text
            # Second top
            ````
            ```
            # inside a four-backtick fence, a three-backtick line does not close it
            ````
            end
            """;

    static List<Document> markdown() {
        return List.of(document("guide.md", GUIDE_MD), document("notes.md", NOTES_MD));
    }
}
