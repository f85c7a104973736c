package dev.ragworkbench.index;

/** Field names of a chunk in a Lucene index. */
final class ChunkFields {
    static final String CHUNK_ID = "chunk_id";
    static final String DOC_ID = "doc_id";
    static final String ORDINAL = "ordinal";
    static final String START = "start";
    static final String END = "end";
    static final String TOKENS = "tokens";
    static final String TITLE = "title";
    static final String TEXT = "text";
    /** Analysed title + chunk text: what BM25 scores. */
    static final String CONTENTS = "contents";
    static final String VECTOR = "vector";
    static final String BUILT_AT = "built_at";
    static final String DOCUMENTS = "documents";
    /** Per chunk: its document's {@code CorpusFingerprint.documentKey}, so an update sees which documents changed. */
    static final String DOC_KEY = "doc_key";
    /** Commit data: the {@code CorpusFingerprint} of the documents the index holds. */
    static final String CORPUS_FINGERPRINT = "corpus_fingerprint";

    private ChunkFields() {
    }
}
