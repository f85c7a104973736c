package dev.ragworkbench.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadersTest {

    @TempDir
    Path dir;

    private Document read(Path file) throws Exception {
        return FileType.of(file).orElseThrow().reader().read(file, file.getFileName().toString());
    }

    @Test
    void markdownKeepsTheSourceAndTakesTheFirstLevelOneHeaderOutsideCode() throws Exception {
        String md = """
                Intro line before any header.

                ```bash
                # not a title: a shell comment
                ```

                ## Second level is no title
                #   Retrieval Notes  ##
                Body with *emphasis*.
                """;
        Document doc = read(TestFiles.write(dir, "notes.md", md));

        assertThat(doc.title()).isEqualTo("Retrieval Notes");
        assertThat(doc.text()).isEqualTo(md);
        assertThat(doc.type()).isEqualTo("markdown");
        assertThat(doc.contentHash()).isEqualTo(ContentHash.of(md)).hasSize(64).matches("[0-9a-f]+");
        assertThat(doc.pageStarts()).isEmpty();
        assertThat(doc.pageAt(5)).isZero();
    }

    @Test
    void markdownWithoutHeaderIsTitledByFileName() throws Exception {
        Document doc = read(TestFiles.write(dir, "plain.markdown", "#hashtag is not a header\ntext\n"));
        assertThat(doc.title()).isEqualTo("plain.markdown");
    }

    @Test
    void plainTextUnifiesLineEndsAndDropsTheBom() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "first\r\nsecond\rthird\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(bom, bom.length + body.length);
        System.arraycopy(body, 0, bytes, bom.length, body.length);
        Document doc = read(TestFiles.write(dir, "a.txt", bytes));

        assertThat(doc.text()).isEqualTo("first\nsecond\nthird\n");
        assertThat(doc.title()).isEqualTo("a.txt");
        assertThat(doc.type()).isEqualTo("text");
    }

    @Test
    void extensionLessFilesAndUtf16WithBomAreText() throws Exception {
        assertThat(read(TestFiles.write(dir, "README", "héllo")).text()).isEqualTo("héllo");

        byte[] utf16 = "\uFEFFgrüße".getBytes(StandardCharsets.UTF_16LE);
        assertThat(read(TestFiles.write(dir, "win.txt", utf16)).text()).isEqualTo("grüße");
    }

    @Test
    void pdfTextIsJoinedPageByPageWithPageStarts() throws Exception {
        byte[] pdf = TestFiles.pdf("Attention Is All You Need", "Vaswani",
                new String[] {"Page one alpha", "second line"}, new String[] {"Page two beta"},
                new String[] {"Page three gamma"});
        Document doc = read(TestFiles.write(dir, "papers/attention.pdf", pdf));

        assertThat(doc.type()).isEqualTo("pdf");
        assertThat(doc.title()).isEqualTo("Attention Is All You Need");
        assertThat(doc.metadata()).containsEntry("author", "Vaswani").containsEntry("pages", "3");
        assertThat(doc.pageStarts()).hasSize(3).startsWith(0).isSorted();
        String text = doc.text();
        var starts = doc.pageStarts();
        String page1 = text.substring(starts.get(0), starts.get(1));
        String page2 = text.substring(starts.get(1), starts.get(2));
        String page3 = text.substring(starts.get(2));
        assertThat(page1).contains("Page one alpha", "second line").doesNotContain("beta");
        assertThat(page2).contains("Page two beta").doesNotContain("alpha", "gamma");
        assertThat(page3).contains("Page three gamma").doesNotContain("beta");
        assertThat(page1).endsWith("\n\n"); // a paragraph break between pages
        assertThat(doc.pageAt(text.indexOf("alpha"))).isEqualTo(1);
        assertThat(doc.pageAt(text.indexOf("beta"))).isEqualTo(2);
        assertThat(doc.pageAt(text.indexOf("gamma"))).isEqualTo(3);
        assertThat(text).doesNotContain("\r");
    }

    @Test
    void pdfWithoutInfoTitleIsTitledByFileName() throws Exception {
        byte[] pdf = TestFiles.pdf(null, null, new String[] {"Only page"});
        Document doc = read(TestFiles.write(dir, "untitled.pdf", pdf));
        assertThat(doc.title()).isEqualTo("untitled.pdf");
        assertThat(doc.pageStarts()).containsExactly(0);
        assertThat(doc.metadata()).doesNotContainKey("author");
    }

    @Test
    void corruptAndTruncatedPdfsAndPdfsWithoutTextFailWithAReason() throws Exception {
        byte[] good = TestFiles.pdf("T", null, new String[] {"text"});
        Path truncated = TestFiles.write(dir, "truncated.pdf", Arrays.copyOf(good, 60));
        Path garbage = TestFiles.write(dir, "garbage.pdf", "%PDF-1.7\nthis is not a pdf at all\n");
        Path empty = TestFiles.write(dir, "blank.pdf", TestFiles.pdf("Scan", null, new String[0]));

        assertThatThrownBy(() -> read(truncated)).isInstanceOf(UnreadableException.class)
                .hasMessageMatching("(?s).*(corrupt|no text).*");
        assertThatThrownBy(() -> read(garbage)).isInstanceOf(UnreadableException.class)
                .hasMessageMatching("(?s).*(corrupt|no text).*");
        assertThatThrownBy(() -> read(empty)).isInstanceOf(UnreadableException.class)
                .hasMessageContaining("no text");
    }

    @Test
    void passwordProtectedPdfFailsAsEncrypted() throws Exception {
        byte[] plain = TestFiles.pdf("Secret", null, new String[] {"classified"});
        try (var doc = org.apache.pdfbox.Loader.loadPDF(plain); var out = new java.io.ByteArrayOutputStream()) {
            var policy = new org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy("owner", "user",
                    new org.apache.pdfbox.pdmodel.encryption.AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(out);
            Path file = TestFiles.write(dir, "locked.pdf", out.toByteArray());

            assertThatThrownBy(() -> read(file)).isInstanceOf(UnreadableException.class)
                    .hasMessage("encrypted PDF (needs a password to open)");
        }
    }

    @Test
    void htmlKeepsVisibleTextOnlyWithBlockStructure() throws Exception {
        String html = """
                <!doctype html>
                <html lang="en"><head><title> Dense Retrieval </title>
                <meta name="author" content="Karpukhin">
                <style>body { color: red } .secret-style {}</style>
                <script>var secretScript = 1;</script></head>
                <body>
                  <h1>Heading   One</h1>
                  <p>First <b>bold</b>
                     paragraph.</p>
                  <p>Second paragraph.<br>After break.</p>
                  <ul><li>item one</li><li>item two</li></ul>
                  <noscript>secret noscript</noscript>
                  <template><p>secret template</p></template>
                  <div hidden>secret hidden</div>
                  <script>document.write("secret inline script")</script>
                  <pre>code  line 1
                code line 2</pre>
                </body></html>
                """;
        Document doc = read(TestFiles.write(dir, "page.html", html));

        assertThat(doc.title()).isEqualTo("Dense Retrieval");
        assertThat(doc.type()).isEqualTo("html");
        assertThat(doc.metadata()).containsEntry("author", "Karpukhin").containsEntry("lang", "en");
        assertThat(doc.text()).doesNotContain("secret", "color", "<", "Dense Retrieval");
        assertThat(doc.text()).isEqualTo("""
                Heading One

                First bold paragraph.

                Second paragraph.
                After break.

                item one
                item two

                code  line 1
                code line 2""");
    }

    @Test
    void htmlTitleFallsBackToFirstH1ThenFileName() throws Exception {
        assertThat(read(TestFiles.write(dir, "a.htm", "<body><p>x</p><h1>The H1</h1></body>")).title())
                .isEqualTo("The H1");
        assertThat(read(TestFiles.write(dir, "b.html", "<body><p>x</p></body>")).title()).isEqualTo("b.html");
    }

    @Test
    void htmlDeclaringALegacyCharsetIsDecodedWithIt() throws Exception {
        byte[] latin1 = "<meta charset=\"iso-8859-1\"><p>caf\u00e9</p>".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(read(TestFiles.write(dir, "legacy.html", latin1)).text()).isEqualTo("café");

        Path undeclared = TestFiles.write(dir, "bad.html",
                "<p>caf\u00e9</p>".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> read(undeclared)).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void binaryInvalidUtf8AndBlankTextFail() throws Exception {
        Path png = TestFiles.write(dir, "image", TestFiles.pngLike());
        Path latin1 = TestFiles.write(dir, "latin1.txt", "caf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1));
        Path empty = TestFiles.write(dir, "empty.md", "");
        Path blank = TestFiles.write(dir, "blank.txt", " \n\t\r\n ");

        assertThatThrownBy(() -> read(png)).isInstanceOf(UnreadableException.class).hasMessageContaining("binary");
        assertThatThrownBy(() -> read(latin1)).isInstanceOf(UnreadableException.class)
                .hasMessageContaining("not valid UTF-8").hasMessageContaining("0xE9").hasMessageContaining("offset 3");
        assertThatThrownBy(() -> read(empty)).hasMessageContaining("no text");
        assertThatThrownBy(() -> read(blank)).hasMessageContaining("no text");
    }

    @Test
    void fileTypesAreChosenByExtension() {
        assertThat(FileType.of(Path.of("a/B.MD"))).contains(FileType.MARKDOWN);
        assertThat(FileType.of(Path.of("x.htm"))).contains(FileType.HTML);
        assertThat(FileType.of(Path.of("LICENSE"))).contains(FileType.TEXT);
        assertThat(FileType.of(Path.of("photo.png"))).isEmpty();
        assertThat(FileType.of(Path.of("data.zip"))).isEmpty();
    }
}
