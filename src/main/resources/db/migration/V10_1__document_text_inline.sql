-- A document's text as CHARACTER VARYING (up to H2's 1,000,000,000 characters) rather than CLOB: H2 keeps a CLOB
-- over 256 bytes in its separate LOB store, so every import wrote, and every index build read back, each text
-- through a stream of its own; as a plain value it is stored and read with its row (decision 0016).
ALTER TABLE document ALTER COLUMN text SET DATA TYPE CHARACTER VARYING;
