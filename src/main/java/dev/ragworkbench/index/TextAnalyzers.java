package dev.ragworkbench.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

import java.util.List;

/** The analysers a BM25 field can use, by the name stored in the index settings. */
public final class TextAnalyzers {

    public static final String DEFAULT = "english";

    private TextAnalyzers() {
    }

    public static List<String> names() {
        return List.of("english", "standard");
    }

    public static Analyzer create(String name) {
        return switch (name) {
            // Porter stemming and English stop words: the analyser of the Anserini BM25 reference runs.
            case "english" -> new EnglishAnalyzer();
            case "standard" -> new StandardAnalyzer();
            default -> throw new IllegalArgumentException(
                    "unknown analyzer '" + name + "'; valid: " + String.join(", ", names()));
        };
    }
}
