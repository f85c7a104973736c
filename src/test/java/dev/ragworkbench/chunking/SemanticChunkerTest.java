package dev.ragworkbench.chunking;

import dev.ragworkbench.ingest.Document;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.CancelledException;
import dev.ragworkbench.progress.ProgressListener;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static dev.ragworkbench.chunking.TestData.TOKENIZER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Semantic chunking with the real all-MiniLM-L6-v2 model. */
class SemanticChunkerTest {

    private static final String BREAD = """
            Bread dough needs flour, water, salt and yeast. Knead the dough for ten minutes until it is smooth and \
            elastic. Let the dough rise in a warm kitchen until it doubles in size. Shape the loaf gently and put it \
            in a floured basket. Bake the bread in a hot oven until the crust is deep brown. Let the loaf cool on a \
            rack before you slice it.""";

    private static final String ORBITS = """
            A satellite in low Earth orbit circles the planet every ninety minutes. Orbital speed depends on the \
            altitude above the surface. Geostationary satellites stay above one point on the equator. Rocket \
            engines change the orbit by burning propellant at the right moment. Gravity from the Moon perturbs \
            orbits over many years. Engineers plan each orbital manoeuvre with precise trajectory calculations.""";

    private static List<Chunk> chunk(String spec, Document doc) {
        List<Chunk> chunks = Chunkers.create(ChunkerSpec.parse(spec), MiniLmEmbedder.INSTANCE).chunk(doc);
        ChunkAssertions.assertWellFormed(doc, chunks, TOKENIZER);
        return chunks;
    }

    @Test
    void breaksBetweenTwoTopics() {
        var doc = TestData.document("two-topics", BREAD + " " + ORBITS);
        var chunks = chunk("semantic:percentile=90", doc);
        int topicChange = BREAD.length() + 1;
        assertThat(chunks).extracting(Chunk::start).contains(topicChange);
        assertThat(chunks).allSatisfy(c -> assertThat(c.start() < topicChange && c.end() > topicChange)
                .as("chunk mixes both topics: %s", c.text()).isFalse());
        assertThat(chunks.size()).as("only the clearest breaks at the 90th percentile").isLessThanOrEqualTo(3);
    }

    @Test
    void sizeStillBoundsEachChunk() {
        var doc = TestData.document("two-topics", BREAD + "\n\n" + ORBITS);
        var chunks = chunk("semantic:percentile=99,size=24", doc);
        assertThat(chunks).allSatisfy(c -> assertThat(c.tokenCount()).isLessThanOrEqualTo(24));
        assertThat(chunks.size()).isGreaterThan(4);
    }

    @Test
    void reportsProgressAndStopsWhenCancelled() {
        var doc = TestData.covid().getFirst();
        var done = new AtomicLong();
        var total = new AtomicLong();
        ProgressListener progress = (stage, d, t) -> {
            assertThat(stage).isEqualTo(SemanticChunker.STAGE);
            done.set(d);
            total.set(t);
        };
        var chunker = Chunkers.create(ChunkerSpec.parse("semantic"), MiniLmEmbedder.INSTANCE);
        var cancellation = Cancellation.none();
        ProgressListener cancelling = (stage, d, t) -> {
            if (d >= SemanticChunker.BATCH) {
                cancellation.cancel();
            }
        };
        assertThatThrownBy(() -> chunker.chunk(doc, cancelling, cancellation)).isInstanceOf(CancelledException.class);

        var sentences = SemanticChunker.sentences(TokenIndex.of(doc.text(), TOKENIZER));
        chunker.chunk(TestData.document("short", BREAD), progress, Cancellation.none());
        assertThat(total.get()).isEqualTo(6);
        assertThat(done.get()).isEqualTo(6);
        assertThat(sentences.size()).isGreaterThan(2 * SemanticChunker.BATCH);
    }

    @Test
    void percentileInterpolatesLikeNumPy() {
        double[] values = {0.1, 0.4, 0.2, 0.3};
        assertThat(SemanticChunker.percentile(values, 50)).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(SemanticChunker.percentile(values, 90)).isCloseTo(0.37, org.assertj.core.data.Offset.offset(1e-9));
    }

    /** Semantic chunks of real abstracts keep every chunker invariant, cover the text once, and repeat exactly. */
    @Property(tries = 12)
    void semanticChunksOfRealAbstractsAreWellFormed(@ForAll("abstracts") Document doc,
                                                    @ForAll("semanticSpecs") String spec) {
        var chunks = chunk(spec, doc);
        int size = ChunkerProperties.sizeOf(ChunkerSpec.parse(spec));
        assertThat(chunks).isNotEmpty().allSatisfy(c -> assertThat(c.tokenCount()).isLessThanOrEqualTo(size));
        int[] cover = ChunkAssertions.coverage(doc, chunks);
        for (int i = 0; i < cover.length; i++) {
            if (!Span.isSpace(doc.text().charAt(i))) {
                assertThat(cover[i]).as("char %d", i).isEqualTo(1);
            }
        }
        assertThat(chunk(spec, doc)).isEqualTo(chunks);
    }

    @Provide
    Arbitrary<Document> abstracts() {
        return Arbitraries.of(TestData.scifact());
    }

    @Provide
    Arbitrary<String> semanticSpecs() {
        return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(1, 99),
                        Arbitraries.integers().between(ChunkerSpec.MIN_SIZE, 300))
                .as((p, size) -> "semantic:percentile=" + p + ",size=" + size);
    }
}
