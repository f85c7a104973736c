package dev.ragworkbench.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Streams a BEIR {@code corpus.jsonl}: one JSON object per line, {@code {"_id","title","text","metadata"}}. Lines are
 * split on raw bytes and handed to Jackson as bytes, so a line with broken UTF-8 or broken JSON fails alone and the
 * rest of the file still imports.
 */
final class BeirCorpusReader {

    static final String TYPE = "beir";

    /** Receives each line's outcome in file order. */
    interface Sink {
        void document(Document document);

        void failure(ImportFailure failure);

        /** Called after every line, blank ones included; {@code line} is 1-based. */
        default void lineDone(long line) {
        }
    }

    private static final ObjectReader JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // `{...} junk` is a broken line too
            .readerFor(Line.class);

    private BeirCorpusReader() {
    }

    /** Counts lines for progress totals; a plain byte scan is a small fraction of parsing time. */
    static long countLines(Path file) throws IOException {
        long lines = 0;
        long size = 0;
        int last = '\n';
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
                size += n;
                last = buf[n - 1];
            }
        }
        return size > 0 && last != '\n' ? lines + 1 : lines;
    }

    static void read(Path file, Sink sink) throws IOException {
        String name = file.getFileName().toString();
        String source = file.toAbsolutePath().normalize().toString();
        var firstLineOfId = new HashMap<String, Long>();
        try (var lines = new ByteLines(Files.newInputStream(file))) {
            long lineNo = 0;
            for (byte[] line; (line = lines.next()) != null; ) {
                lineNo++;
                if (!isBlank(line)) {
                    try {
                        Document doc = parse(line, source + ":" + lineNo);
                        Long first = firstLineOfId.putIfAbsent(doc.id(), lineNo);
                        if (first != null) {
                            throw new UnreadableException("duplicate _id \"" + doc.id() + "\" (first on line " + first + ")");
                        }
                        sink.document(doc);
                    } catch (UnreadableException e) {
                        sink.failure(new ImportFailure(name + ":" + lineNo, "line " + lineNo + " of " + name + ": "
                                + e.getMessage()));
                    }
                }
                sink.lineDone(lineNo);
            }
        }
    }

    /** One corpus line; binding straight to it skips building a tree for the long {@code text} field. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Line(@JsonProperty("_id") JsonNode id, String title, String text, JsonNode metadata) {
    }

    private static Document parse(byte[] line, String source) throws UnreadableException {
        Line parsed;
        try {
            parsed = JSON.readValue(line);
        } catch (JsonProcessingException e) {
            throw new UnreadableException("malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UnreadableException("malformed JSON: " + e.getMessage(), e);
        }
        if (parsed == null) {
            throw new UnreadableException("not a JSON object");
        }
        JsonNode id = parsed.id();
        if (id == null || !id.isValueNode() || id.isNull() || id.asText().isBlank()) {
            throw new UnreadableException("no \"_id\"");
        }
        String title = parsed.title() == null ? "" : parsed.title();
        String text = parsed.text() == null ? "" : parsed.text();
        // BEIR corpora (TREC-COVID, for one) have documents with a title and no abstract; qrels still point to them,
        // and the indexer adds the title, so only a document with neither is unusable.
        if (text.isBlank() && title.isBlank()) {
            throw new UnreadableException("no text (neither \"text\" nor \"title\")");
        }
        return new Document(id.asText(), source, title, text, ContentHash.of(text), TYPE, flatten(parsed.metadata()),
                List.of());
    }

    /** Nested objects become dotted keys; arrays stay as their JSON text; nulls are dropped. */
    static Map<String, String> flatten(JsonNode metadata) {
        var flat = new TreeMap<String, String>();
        if (metadata != null && metadata.isObject()) {
            flatten("", metadata, flat);
        }
        return flat;
    }

    private static void flatten(String prefix, JsonNode object, Map<String, String> flat) {
        for (var field : object.properties()) {
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(key + ".", value, flat);
            } else if (value.isArray()) {
                flat.put(key, value.toString());
            } else if (!value.isNull()) {
                flat.put(key, value.asText());
            }
        }
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Splits a stream on '\n' without decoding, dropping a trailing '\r'. */
    private static final class ByteLines implements AutoCloseable {
        private final InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int limit;
        private byte[] line = new byte[1 << 12];

        ByteLines(InputStream in) {
            this.in = in;
        }

        byte[] next() throws IOException {
            int len = 0;
            boolean any = false;
            while (true) {
                if (pos == limit) {
                    limit = in.read(buf);
                    pos = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return any ? trimCr(len) : null;
                    }
                }
                any = true;
                int start = pos;
                while (pos < limit && buf[pos] != '\n') {
                    pos++;
                }
                int chunk = pos - start;
                if (len + chunk > line.length) {
                    line = Arrays.copyOf(line, Math.max(line.length * 2, len + chunk));
                }
                System.arraycopy(buf, start, line, len, chunk);
                len += chunk;
                if (pos < limit) {
                    pos++; // the '\n'
                    return trimCr(len);
                }
            }
        }

        private byte[] trimCr(int len) {
            return Arrays.copyOf(line, len > 0 && line[len - 1] == '\r' ? len - 1 : len);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
