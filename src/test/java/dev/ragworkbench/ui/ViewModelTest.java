package dev.ragworkbench.ui;

import dev.ragworkbench.chunking.ChunkerKind;
import dev.ragworkbench.chunking.ChunkStats;
import dev.ragworkbench.ui.chunking.ChunkingViewModel;
import dev.ragworkbench.ui.common.Debouncer;
import dev.ragworkbench.ui.importing.ImportViewModel;
import dev.ragworkbench.ui.tasks.SameThreadTaskRunner;
import dev.ragworkbench.sample.SampleWorkspace;
import dev.ragworkbench.ui.workspace.WorkspaceSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ViewModels with the same-thread runner: no window, no FX thread. */
class ViewModelTest {

    @TempDir
    Path tmp;
    WorkspaceSession session;
    SameThreadTaskRunner runner = new SameThreadTaskRunner();

    @BeforeEach
    void open() {
        session = WorkspaceSession.open(tmp.resolve("ws"));
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void importsAFolderListsItsDocumentsAndRemovesOne() throws Exception {
        var vm = new ImportViewModel(session, runner);
        Path docs = TestDocs.mixedFolder(tmp.resolve("papers"), 4, 2);
        Files.writeString(docs.resolve("broken.xyz"), "not a supported type");

        vm.importPaths(List.of(docs));

        assertThat(runner.errors()).isEmpty();
        assertThat(vm.corpusProperty().get()).isEqualTo("papers");
        assertThat(vm.documents()).hasSize(6);
        assertThat(vm.documents()).allSatisfy(r -> {
            assertThat(r.tokens()).isPositive();
            assertThat(r.importedAt()).isNotNull();
        });
        assertThat(vm.documents().stream().filter(r -> r.type().equals("pdf")))
                .hasSize(2).allSatisfy(r -> assertThat(r.pages()).isEqualTo(2));
        assertThat(vm.failures()).singleElement().satisfies(f -> assertThat(f.source()).isEqualTo("broken.xyz"));
        assertThat(vm.statusProperty().get()).contains("6 new").contains("1 failed");

        vm.filterProperty().set("report");
        assertThat(vm.filteredDocuments()).hasSize(2);

        vm.deleteDocuments(List.of(vm.filteredDocuments().getFirst()));
        assertThat(vm.documents()).hasSize(5);
        assertThat(session.workbench().documents().count("papers")).isEqualTo(5);
    }

    @Test
    void filesDroppedTogetherAreOneTaskIntoOneCorpusNamedAfterTheirFolder() throws Exception {
        var vm = new ImportViewModel(session, runner);
        Path folder = TestDocs.mixedFolder(tmp.resolve("picked"), 5, 0);
        List<Path> files;
        try (var listing = Files.list(folder)) {
            files = listing.sorted().toList();
        }

        vm.importPaths(files);

        assertThat(runner.errors()).isEmpty();
        assertThat(runner.titles()).filteredOn(t -> t.startsWith("Importing")).containsExactly("Importing 5 files");
        assertThat(session.workbench().documents().corpora()).singleElement()
                .satisfies(c -> assertThat(c.name()).isEqualTo("picked"));
        assertThat(vm.corpusProperty().get()).isEqualTo("picked");
        assertThat(vm.documents()).hasSize(5).allSatisfy(r -> assertThat(r.tokens()).isPositive());
        assertThat(vm.statusProperty().get()).contains("5 new");
    }

    @Test
    void sampleSeedsDocumentsAndAGoldenSetWithAnswerSpans() throws Exception {
        var golden = session.workbench().seedSample(
                dev.ragworkbench.progress.ProgressListener.NONE, dev.ragworkbench.progress.Cancellation.none());

        assertThat(session.workbench().documents().count(SampleWorkspace.CORPUS)).isEqualTo(24);
        assertThat(golden.size()).isEqualTo(218);
        // every answer span lies where the golden set says, in the imported text: exactly in the Markdown, and
        // up to how the page broke its lines in the PDFs
        var docs = session.workbench().documents().documents(SampleWorkspace.CORPUS);
        assertThat(docs).extracting(d -> d.type()).contains("markdown", "pdf");
        for (var doc : docs) {
            for (var span : golden.answers().getOrDefault(doc.id(), List.of())) {
                if (doc.type().equals("markdown")) {
                    assertThat(doc.text().substring(span.start(), span.end())).isEqualTo(span.answer());
                }
                assertThat(span.locateIn(doc.text())).as(span.answer()).isNotNull()
                        .satisfies(located -> assertThat(located.start()).isEqualTo(span.start()));
            }
        }
        assertThat(docs.stream().filter(d -> d.type().equals("pdf")))
                .hasSize(6).allSatisfy(d -> assertThat(d.pageStarts().size()).isGreaterThanOrEqualTo(4));
        assertThat(golden.answers().keySet()).hasSize(24);
        // a reopened store reads it again
        assertThat(session.goldenSetStore().list()).singleElement()
                .satisfies(g -> assertThat(g.size()).isEqualTo(218));
    }

    @Test
    void aRagasSetIsMatchedAgainstTheSelectedCorpusAndItsContextsBecomeEvidence() throws Exception {
        var vm = new ImportViewModel(session, runner);
        Path ragas = tmp.resolve("passages.ragas.jsonl");
        Files.writeString(ragas, "{\"question\": \"q\", \"ground_truth\": \"a\", \"contexts\": [\"x\"]}\n");
        vm.evalSets().importRagas(ragas);
        assertThat(vm.statusProperty().get()).contains("Import documents first");
        assertThat(session.goldenSets()).isEmpty();

        session.workbench().seedSample(
                dev.ragworkbench.progress.ProgressListener.NONE, dev.ragworkbench.progress.Cancellation.none());
        session.documentsChanged();
        assertThat(vm.corpusProperty().get()).isEqualTo(SampleWorkspace.CORPUS);
        var docs = session.workbench().documents().documents(SampleWorkspace.CORPUS);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var lines = new java.util.ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            String text = docs.get(i).text();
            String passage = text.substring(text.length() / 2, text.length() / 2 + 160);
            lines.add(json.writeValueAsString(java.util.Map.of("question", "passage " + i + "?",
                    "ground_truth", "-", "contexts", List.of(passage))));
        }
        Files.write(ragas, lines);

        vm.evalSets().importRagas(ragas);

        assertThat(runner.errors()).isEmpty();
        assertThat(session.goldenSets()).singleElement().satisfies(set -> {
            assertThat(set.name()).isEqualTo("passages");
            assertThat(set.format()).isEqualTo(dev.ragworkbench.evaluation.EvalSetFormat.RAGAS);
            assertThat(set.size()).isEqualTo(3);
            assertThat(set.answerSpans()).isGreaterThanOrEqualTo(3);
        });
        assertThat(session.answersIn(docs.getFirst().id())).isNotEmpty();
        assertThat(vm.statusProperty().get()).contains("passages").contains("3 queries");
    }

    @Test
    void chunkingColumnsRechunkOnChangeAndCountSplitEvidence() throws Exception {
        session.goldenSets().add(session.workbench().seedSample(
                dev.ragworkbench.progress.ProgressListener.NONE, dev.ragworkbench.progress.Cancellation.none()));
        var vm = new ChunkingViewModel(session, runner, Debouncer.immediate());

        assertThat(vm.corpusProperty().get()).isEqualTo(SampleWorkspace.CORPUS);
        assertThat(vm.document().get()).isNotNull();
        assertThat(vm.evidence()).isNotEmpty();
        var column = vm.columns().getFirst();
        int before = column.chunks().size();
        assertThat(before).isPositive();

        column.sizeProperty().set(64);
        int after = column.chunks().size();
        assertThat(after).isGreaterThan(before);
        ChunkStats stats = column.statsProperty().get();
        assertThat(stats.count()).isEqualTo(after);
        assertThat(stats.max()).isLessThanOrEqualTo(64);
        assertThat(stats.evidence()).isEqualTo(vm.evidence().size());
        assertThat(stats.histogram().stream().mapToInt(ChunkStats.Bin::count).sum()).isEqualTo(after);

        // one chunk for the whole document splits no evidence
        column.kindProperty().set(ChunkerKind.NONE);
        assertThat(column.chunks()).hasSize(1);
        assertThat(column.statsProperty().get().evidenceSplit()).isZero();

        // an invalid setting shows an error instead of chunking
        column.kindProperty().set(ChunkerKind.FIXED);
        column.overlapProperty().set(100);
        assertThat(column.errorProperty().get()).containsIgnoringCase("overlap");

        vm.addColumn();
        vm.addColumn();
        vm.addColumn();
        assertThat(vm.columns()).hasSize(ChunkingViewModel.MAX_COLUMNS);
        assertThat(vm.columns().get(1).chunks()).isNotEmpty();
        assertThat(runner.errors()).isEmpty();
    }
}
