package dev.ragworkbench.chunking;

import dev.ragworkbench.ingest.Document;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.List;

import static dev.ragworkbench.chunking.TestData.TOKENIZER;
import static org.assertj.core.api.Assertions.assertThat;

/** Properties of the tokenizer-only chunkers over real SciFact and COVID-QA texts and the Markdown samples. */
class ChunkerProperties {

    @Property(tries = 50)
    void everyChunkIsAnExactTrimmedSpanWithItsTokenCount(@ForAll("documents") Document doc,
                                                         @ForAll("specs") ChunkerSpec spec) {
        List<Chunk> chunks = Chunkers.create(spec, TOKENIZER).chunk(doc);
        ChunkAssertions.assertWellFormed(doc, chunks, TOKENIZER);
        int size = sizeOf(spec);
        assertThat(chunks).allSatisfy(c -> assertThat(c.tokenCount()).as("chunk %d of %s", c.ordinal(), spec)
                .isLessThanOrEqualTo(size));
        if (doc.text().isBlank()) {
            assertThat(chunks).isEmpty();
        } else {
            assertThat(chunks).isNotEmpty();
        }
    }

    @Property(tries = 50)
    void nonOverlappingKindsCoverEveryNonWhitespaceCharacterOnce(@ForAll("documents") Document doc,
                                                                @ForAll("specs") ChunkerSpec spec) {
        List<Chunk> chunks = Chunkers.create(spec, TOKENIZER).chunk(doc);
        int[] cover = ChunkAssertions.coverage(doc, chunks);
        boolean overlapping = spec instanceof ChunkerSpec.Fixed f && f.overlap() > 0
                              || spec instanceof ChunkerSpec.Recursive r && r.overlap() > 0;
        for (int i = 0; i < cover.length; i++) {
            if (!Span.isSpace(doc.text().charAt(i))) {
                if (overlapping) {
                    assertThat(cover[i]).as("char %d under %s", i, spec).isPositive();
                } else {
                    assertThat(cover[i]).as("char %d under %s", i, spec).isEqualTo(1);
                }
            }
        }
    }

    @Property(tries = 50)
    void chunkingIsDeterministic(@ForAll("documents") Document doc, @ForAll("specs") ChunkerSpec spec) {
        assertThat(Chunkers.create(spec, TOKENIZER).chunk(doc))
                .isEqualTo(Chunkers.create(ChunkerSpec.parse(spec.toString()), TOKENIZER).chunk(doc));
    }

    /**
     * Fixed windows: consecutive windows share exactly {@code overlap} document tokens, and every window but the
     * last holds {@code size} document tokens unless its text re-tokenizes to more than {@code size} with one
     * token more (a window starting inside a word), in which case it is the longest that fits.
     */
    @Property(tries = 50)
    void fixedWindowsStepBySizeMinusOverlap(@ForAll("documents") Document doc, @ForAll("fixedSpecs") ChunkerSpec.Fixed spec) {
        List<Chunk> chunks = Chunkers.create(spec, TOKENIZER).chunk(doc);
        var spans = TOKENIZER.tokenize(doc.text());
        List<int[]> windows = new ArrayList<>(); // [first, end) document token indices of each chunk
        for (Chunk c : chunks) {
            int first = -1;
            int end = -1;
            for (int t = 0; t < spans.size(); t++) {
                if (spans.get(t).start() >= c.start() && spans.get(t).end() <= c.end()) {
                    first = first < 0 ? t : first;
                    end = t + 1;
                }
            }
            windows.add(new int[]{first, end});
        }
        for (int k = 0; k < windows.size(); k++) {
            int[] w = windows.get(k);
            boolean last = k == windows.size() - 1;
            assertThat(w[1] - w[0]).isLessThanOrEqualTo(spec.size());
            if (last) {
                assertThat(w[1]).as("last window reaches the last token").isEqualTo(spans.size());
            } else {
                if (w[1] - w[0] < spec.size()) {
                    String longer = doc.text().substring(chunks.get(k).start(), spans.get(w[1]).end());
                    assertThat(TOKENIZER.count(longer)).as("window %d was cut short for a reason", k)
                            .isGreaterThan(spec.size());
                }
                int[] next = windows.get(k + 1);
                int shared = Math.max(0, w[1] - next[0]);
                assertThat(shared).as("tokens shared by windows %d and %d of %s", k, k + 1, spec)
                        .isEqualTo(Math.min(spec.overlap(), w[1] - w[0] - 1));
            }
        }
    }

    @Property(tries = 30)
    void chunksCarryThePageOfTheirStart(@ForAll("pagedDocuments") Document doc, @ForAll("specs") ChunkerSpec spec) {
        List<Chunk> chunks = Chunkers.create(spec, TOKENIZER).chunk(doc);
        assertThat(chunks).isNotEmpty().allSatisfy(c ->
                assertThat(c.metadata()).containsEntry("page", Integer.toString(doc.pageAt(c.start()))));
    }

    static int sizeOf(ChunkerSpec spec) {
        return switch (spec) {
            case ChunkerSpec.None _ -> Integer.MAX_VALUE;
            case ChunkerSpec.Fixed f -> f.size();
            case ChunkerSpec.Recursive r -> r.size();
            case ChunkerSpec.Markdown m -> m.size();
            case ChunkerSpec.Semantic s -> s.size();
        };
    }

    /** Whole real documents, and random slices of them (which start and end anywhere, even inside words). */
    @Provide
    Arbitrary<Document> documents() {
        var all = new ArrayList<Document>();
        all.addAll(TestData.scifact());
        all.addAll(TestData.covid());
        all.addAll(TestData.markdown());
        all.add(TestData.document("blank", " \n\t\n "));
        all.add(TestData.document("empty", ""));
        Arbitrary<Document> whole = Arbitraries.of(all);
        Arbitrary<Document> slices = Combinators.combine(Arbitraries.of(TestData.covid()),
                        Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(1, 8_000))
                .as((doc, from, length) -> {
                    int start = (int) (from * doc.text().length());
                    int end = Math.min(doc.text().length(), start + length);
                    return TestData.document(doc.id() + "@" + start, doc.text().substring(start, end));
                });
        return Arbitraries.frequencyOf(Tuple.of(3, whole), Tuple.of(1, slices));
    }

    @Provide
    Arbitrary<Document> pagedDocuments() {
        return Combinators.combine(Arbitraries.of(TestData.covid()), Arbitraries.integers().between(200, 5_000))
                .as((doc, pageLength) -> {
                    var pages = new ArrayList<Integer>();
                    for (int p = 0; p < doc.text().length(); p += pageLength) {
                        pages.add(p);
                    }
                    return TestData.document(doc.id(), doc.text(), pages);
                });
    }

    @Provide
    Arbitrary<ChunkerSpec> specs() {
        Arbitrary<Integer> sizes = Arbitraries.integers().between(ChunkerSpec.MIN_SIZE, 600)
                .withDistribution(net.jqwik.api.RandomDistribution.biased());
        return Arbitraries.oneOf(
                Arbitraries.just(new ChunkerSpec.None()),
                fixedSpecs().map(ChunkerSpec.class::cast),
                sizes.flatMap(size -> Arbitraries.integers().between(0, size - 1)
                        .withDistribution(net.jqwik.api.RandomDistribution.biased())
                        .map(overlap -> new ChunkerSpec.Recursive(size, overlap))),
                sizes.map(size -> new ChunkerSpec.Recursive(size, 0)),
                sizes.map(ChunkerSpec.Markdown::new));
    }

    @Provide
    Arbitrary<ChunkerSpec.Fixed> fixedSpecs() {
        return Arbitraries.integers().between(ChunkerSpec.MIN_SIZE, 600)
                .withDistribution(net.jqwik.api.RandomDistribution.biased())
                .flatMap(size -> Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, size - 1))
                        .map(overlap -> new ChunkerSpec.Fixed(size, overlap)));
    }
}
