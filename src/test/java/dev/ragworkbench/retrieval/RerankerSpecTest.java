package dev.ragworkbench.retrieval;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code +rerank:} part of a retriever spec: one parser, a canonical form that parses back, plain errors. */
class RerankerSpecTest {

    @Test
    void theStringIsSplitOnceAtRerankAndRoundTrips() {
        var spec = RetrieverSpec.parse("hybrid-rrf:k=60+rerank:embedder=bge-small-en-v1.5-q,depth=50");
        assertThat(spec.kind()).isEqualTo(RetrieverKind.HYBRID_RRF);
        assertThat(spec.integer("k")).isEqualTo(60);
        assertThat(spec.reranker()).isEqualTo(new RerankerSpec("bge-small-en-v1.5-q", null, 50));
        assertThat(spec.toString()).isEqualTo("hybrid-rrf:depth=100,k=60+rerank:embedder=bge-small-en-v1.5-q,depth=50");
        assertThat(RetrieverSpec.parse(spec.toString())).isEqualTo(spec);
        assertThat(spec.withoutReranker()).isEqualTo(RetrieverSpec.parse("hybrid-rrf:k=60"));
        assertThat(spec.withoutReranker().withReranker(spec.reranker())).isEqualTo(spec);

        var ce = RetrieverSpec.parse("bm25+rerank:model=/path/to/ce-folder");
        assertThat(ce.reranker().isCrossEncoder()).isTrue();
        assertThat(ce.reranker().depth()).isEqualTo(RerankerSpec.DEFAULT_DEPTH);
        assertThat(ce.toString()).isEqualTo("bm25:b=0.4,k1=0.9+rerank:model=/path/to/ce-folder,depth=50");
        assertThat(RetrieverSpec.parse(ce.toString())).isEqualTo(ce);
        assertThat(ce.reranker().params()).containsExactly(Map.entry("model", "/path/to/ce-folder"),
                Map.entry("depth", "50"));

        // Without a reranker, nothing changes.
        assertThat(RetrieverSpec.parse("bm25").hasReranker()).isFalse();
        assertThat(RetrieverSpec.parse("bm25").toString()).isEqualTo("bm25:b=0.4,k1=0.9");
        assertThat(RetrieverSpec.parse("bm25")).isNotEqualTo(ce);
    }

    @Test
    void badRerankPartsSayWhatIsWrong() {
        assertThatThrownBy(() -> RetrieverSpec.parse("bm25+rerank:depth=10"))
                .hasMessageContaining("either embedder=NAME").hasMessageContaining("got neither");
        assertThatThrownBy(() -> RetrieverSpec.parse("bm25+rerank:embedder=a,model=/b"))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> RetrieverSpec.parse("bm25+rerank:embedder=a,depth=0"))
                .hasMessageContaining("between 1 and 10000");
        assertThatThrownBy(() -> RetrieverSpec.parse("bm25+rerank:embedder=a,depth=many"))
                .hasMessageContaining("expected a whole number");
        assertThatThrownBy(() -> RetrieverSpec.parse("bm25+rerank:embedder=a,top=5"))
                .hasMessageContaining("unknown parameter 'top' for reranker 'rerank'")
                .hasMessageContaining("embedder, model, depth");
        assertThatThrownBy(() -> RetrieverSpec.parse("bm25+rerank:"))
                .hasMessageContaining("got neither");
        // The retriever's own part is still checked as before.
        assertThatThrownBy(() -> RetrieverSpec.parse("bm25:k2=1+rerank:embedder=a"))
                .hasMessageContaining("no parameter 'k2'");
    }
}
