-- Documents of every corpus in the workspace. A corpus is a named set of imported sources; document ids are
-- unique within their corpus (BEIR _id, or a file's path relative to the corpus root).
CREATE TABLE corpus (
    name        VARCHAR(200) PRIMARY KEY,
    source      VARCHAR(4000) NOT NULL,
    format      VARCHAR(20)   NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE document (
    corpus        VARCHAR(200)  NOT NULL REFERENCES corpus(name) ON DELETE CASCADE,
    id            VARCHAR(1000) NOT NULL,
    source        VARCHAR(4000) NOT NULL,
    title         VARCHAR(4000) NOT NULL,
    type          VARCHAR(20)   NOT NULL,
    content_hash  CHAR(64)      NOT NULL,
    text          CLOB          NOT NULL,
    chars         INT           NOT NULL,
    metadata      CLOB          NOT NULL,   -- JSON object of strings
    page_starts   CLOB          NOT NULL,   -- JSON array of ints, empty when the source has no pages
    imported_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (corpus, id)
);
CREATE INDEX document_hash ON document(corpus, content_hash);

-- Files an import could not read, with the reason, so they can be listed and retried.
CREATE TABLE import_failure (
    corpus     VARCHAR(200)  NOT NULL,
    source     VARCHAR(4000) NOT NULL,
    reason     VARCHAR(4000) NOT NULL,
    failed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (corpus, source)
);

-- Chunks as indexed: one row per chunk of one index (the text itself stays in the document).
CREATE TABLE chunk (
    index_name   VARCHAR(400)  NOT NULL,
    document_id  VARCHAR(1000) NOT NULL,
    ordinal      INT           NOT NULL,
    start_offset INT           NOT NULL,
    end_offset   INT           NOT NULL,
    token_count  INT           NOT NULL,
    metadata     CLOB          NOT NULL,
    PRIMARY KEY (index_name, document_id, ordinal)
);

-- Embeddings by (embedder, SHA-256 of the embedded text): indexing the same text again computes nothing.
CREATE TABLE embedding_cache (
    embedder   VARCHAR(200) NOT NULL,
    text_hash  BINARY(32)   NOT NULL,
    vector     VARBINARY(16384) NOT NULL,  -- little-endian float32s
    PRIMARY KEY (embedder, text_hash)
);
