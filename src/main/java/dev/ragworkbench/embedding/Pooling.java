package dev.ragworkbench.embedding;

/** How a BERT-style model's per-token outputs become one text vector; it must match how the model was trained. */
public enum Pooling {
    /** Average of the token vectors under the attention mask (sentence-transformers models such as MiniLM). */
    MEAN,
    /** The [CLS] token's vector (BGE). */
    CLS
}
