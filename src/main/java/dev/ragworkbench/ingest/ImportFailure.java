package dev.ragworkbench.ingest;

/**
 * A source an import could not read.
 *
 * @param source the file's id within the corpus ({@code papers/bad.pdf}), or {@code corpus.jsonl:17} for a BEIR line
 * @param reason why, in words a user can act on
 */
public record ImportFailure(String source, String reason) {
}
