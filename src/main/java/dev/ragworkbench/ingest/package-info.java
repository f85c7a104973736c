/**
 * Document import: turns a folder of files (Markdown, text, PDF, HTML) or a BEIR {@code corpus.jsonl} into
 * {@link dev.ragworkbench.ingest.Document}s stored in the workspace database.
 *
 * <p>Entry points: {@link dev.ragworkbench.ingest.Importer#importCorpus} to import (idempotent: unchanged content is
 * not rewritten), {@link dev.ragworkbench.ingest.DocumentStore} to list, read and delete corpora and documents.
 * One {@link dev.ragworkbench.ingest.DocumentReader} per file format, chosen by
 * {@link dev.ragworkbench.ingest.FileType}.
 */
package dev.ragworkbench.ingest;
