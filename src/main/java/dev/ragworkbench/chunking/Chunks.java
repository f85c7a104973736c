package dev.ragworkbench.chunking;

import dev.ragworkbench.ingest.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/** Turns pieces into numbered {@link Chunk}s with their text and the metadata common to all kinds. */
final class Chunks {

    private Chunks() {
    }

    static List<Chunk> of(Document doc, List<Piece> pieces) {
        var chunks = new ArrayList<Chunk>(pieces.size());
        boolean paged = !doc.pageStarts().isEmpty();
        for (Piece piece : pieces) {
            var metadata = new HashMap<>(piece.metadata());
            if (paged) {
                metadata.put("page", Integer.toString(doc.pageAt(piece.start())));
            }
            chunks.add(new Chunk(doc.id(), chunks.size(), piece.start(), piece.end(),
                    doc.text().substring(piece.start(), piece.end()), piece.tokens(), metadata));
        }
        return List.copyOf(chunks);
    }
}
