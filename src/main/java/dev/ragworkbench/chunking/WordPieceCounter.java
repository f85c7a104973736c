package dev.ragworkbench.chunking;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ragworkbench.embedding.TextTokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Counts the tokens of a BERT WordPiece tokenizer (lower-casing, accent-stripping; all-MiniLM, BGE small) in
 * Java, and leaves {@link #tokenize} (spans) to the native tokenizer it wraps. Counting SciFact's 5,183 abstracts
 * through the native bindings took 6 to 10 s on two cores, most of a BM25-only index build that only wants the
 * counts; this does it in a fraction of that. It follows Hugging Face's {@code BertNormalizer}
 * (clean text, pad CJK ideographs, strip accents, lower-case), {@code BertPreTokenizer} (split on white space, each
 * punctuation mark a word of its own) and {@code WordPiece} (greedy longest match, a word with an unknown piece or
 * over 100 characters is one {@code [UNK]}); {@code WordPieceCounterTest} checks it against the native tokenizer
 * on every SciFact document.
 */
public final class WordPieceCounter implements TextTokenizer {

    private static final int MAX_WORD_CHARS = 100;

    /** Pieces that start a word, and those that continue one ({@code ##ing}), the latter without their "##". */
    private final PieceTable heads;
    private final PieceTable tails;
    private final Supplier<TextTokenizer> spansFactory;
    private volatile TextTokenizer spans;

    private WordPieceCounter(Set<String> vocab, Supplier<TextTokenizer> spans) {
        this.heads = new PieceTable(vocab.stream().filter(p -> !p.startsWith("##")).toList());
        this.tails = new PieceTable(vocab.stream().filter(p -> p.startsWith("##")).map(p -> p.substring(2)).toList());
        this.spansFactory = spans;
    }

    /**
     * @param tokenizerJson a Hugging Face {@code tokenizer.json} of a BERT WordPiece model (read, not closed)
     * @param spans         the tokenizer {@link #tokenize} delegates to, made on first use (loading the native
     *                      one costs a few hundred ms that counting alone never needs)
     */
    public static WordPieceCounter load(InputStream tokenizerJson, Supplier<TextTokenizer> spans) {
        try (JsonParser p = new JsonFactory().createParser(tokenizerJson)) {
            // tokenizer.json: {"model": {"vocab": {"[PAD]": 0, ...}, ...}, ...}
            int depth = 0;
            boolean inModel = false;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                } else if (t == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    if (depth == 1 && name.equals("model")) {
                        inModel = true;
                    } else if (depth == 1) {
                        inModel = false;
                    } else if (inModel && depth == 2 && name.equals("vocab")
                            && p.nextToken() == JsonToken.START_OBJECT) {
                        var vocab = new HashSet<String>(64_000);
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            vocab.add(p.currentName());
                            p.nextToken();
                        }
                        return new WordPieceCounter(vocab, spans);
                    }
                }
            }
            throw new IllegalArgumentException("tokenizer.json has no model.vocab");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer: " + e.getMessage(), e);
        }
    }

    @Override
    public List<TokenSpan> tokenize(String text) {
        var t = spans;
        if (t == null) {
            synchronized (this) {
                if (spans == null) {
                    spans = spansFactory.get();
                }
                t = spans;
            }
        }
        return t.tokenize(text);
    }

    @Override
    public int count(String text) {
        String normal = normalize(text);
        int count = 0;
        int wordStart = -1;
        for (int i = 0; i < normal.length(); ) {
            int c = normal.codePointAt(i);
            int next = i + Character.charCount(c);
            if (isWhitespace(c)) {
                count += wordStart < 0 ? 0 : pieces(normal, wordStart, i);
                wordStart = -1;
            } else if (isPunctuation(c)) {
                count += wordStart < 0 ? 0 : pieces(normal, wordStart, i);
                count += pieces(normal, i, next);
                wordStart = -1;
            } else if (wordStart < 0) {
                wordStart = i;
            }
            i = next;
        }
        return count + (wordStart < 0 ? 0 : pieces(normal, wordStart, normal.length()));
    }

    /** WordPiece tokens of the word {@code text[from, to)}: greedy longest match first. */
    private int pieces(String text, int from, int to) {
        if (to - from > MAX_WORD_CHARS && text.codePointCount(from, to) > MAX_WORD_CHARS) {
            return 1;
        }
        int n = 0;
        int start = from;
        int[] prefixHash = new int[Math.max(heads.maxLength(), tails.maxLength()) + 1];
        while (start < to) {
            PieceTable table = start == from ? heads : tails;
            int longest = Math.min(to, start + table.maxLength());
            int h = 0;
            for (int k = start; k < longest; k++) {
                h = 31 * h + text.charAt(k);
                prefixHash[k - start + 1] = h;
            }
            int end = longest;
            boolean found = false;
            while (end > start) {
                if (table.contains(text, start, end, prefixHash[end - start])) {
                    found = true;
                    break;
                }
                end = Character.isLowSurrogate(text.charAt(end - 1)) && end - 2 > start ? end - 2 : end - 1;
            }
            if (!found) {
                return 1; // the whole word is [UNK]
            }
            n++;
            start = end;
        }
        return n;
    }

    /** BertNormalizer: clean text, space out CJK ideographs, strip accents, lower-case; in that order. */
    private static String normalize(String text) {
        String ascii = asciiNormalized(text);
        if (ascii != null) {
            return ascii;
        }
        var sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == 0 || c == 0xFFFD || isControl(c)) {
                continue;
            }
            if (isWhitespace(c)) {
                sb.append(' ');
            } else if (isCjk(c)) {
                sb.append(' ').appendCodePoint(c).append(' ');
            } else {
                sb.appendCodePoint(c);
            }
        }
        String s = sb.toString();
        if (!isAscii(s)) {
            String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
            var stripped = new StringBuilder(nfd.length());
            nfd.codePoints().filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                    .forEach(stripped::appendCodePoint);
            s = stripped.toString();
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** The common case in one pass: ASCII text, where cleaning and lower-casing are all there is; else null. */
    private static String asciiNormalized(String text) {
        char[] out = new char[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 127) {
                return null;
            }
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                out[n++] = ' ';
            } else if (c < 32 || c == 127) {
                continue; // control characters go, vertical tab and form feed too, as in BertNormalizer
            } else {
                out[n++] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
            }
        }
        return new String(out, 0, n);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWhitespace(int c) {
        // Rust's char::is_whitespace: the Unicode White_Space property
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85
                || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029
                || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    private static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
    }

    private static boolean isPunctuation(int c) {
        if (c < 128) {
            return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    private static boolean isCjk(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}
