package dev.ragworkbench.ui.experiments;

import dev.ragworkbench.experiment.form.SpecYaml;
import dev.ragworkbench.experiment.spec.ExperimentSpec;
import dev.ragworkbench.experiment.spec.ModelRunSpec.ModelRef;
import dev.ragworkbench.experiment.spec.SpecException;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.ChatProvider;
import dev.ragworkbench.experiment.store.RunQuery;
import dev.ragworkbench.experiment.store.RunStatus;
import dev.ragworkbench.retrieval.RetrieverSpec;
import dev.ragworkbench.ui.common.Debouncer;
import dev.ragworkbench.ui.experiments.compare.CompareViewModel;
import dev.ragworkbench.ui.experiments.launch.LaunchProgress;
import dev.ragworkbench.ui.experiments.launch.LaunchViewModel;
import dev.ragworkbench.ui.tasks.SameThreadTaskRunner;
import dev.ragworkbench.ui.workspace.WorkspaceSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The launch and compare ViewModels on the same-thread runner, over a real workspace and a few SciFact documents. */
class LaunchViewModelTest {

    @TempDir
    Path tmp;
    WorkspaceSession session;
    SameThreadTaskRunner runner = new SameThreadTaskRunner();
    LaunchViewModel vm;
    Path data;

    @BeforeEach
    void open() throws Exception {
        session = WorkspaceSession.open(tmp.resolve("ws"));
        vm = new LaunchViewModel(session, runner, Runnable::run, Debouncer.immediate());
        data = TinyScifact.write(tmp.resolve("scifact-tiny"), 6, 30);
    }

    @AfterEach
    void close() {
        session.close();
    }

    private void fillForm() {
        vm.form().name().set("tiny-bm25");
        vm.useCorpusPath(data.resolve("corpus.jsonl"));
        vm.useEvalSetFiles(new ExperimentSpec.Beir(null, data.resolve("queries.jsonl"), data.resolve("qrels/test.tsv")));
        vm.form().retrievers().setAll(RetrieverSpec.parse("bm25"), RetrieverSpec.parse("bm25:k1=1.2,b=0.75"));
        vm.form().tagsText().set("dataset=scifact-tiny");
    }

    @Test
    void storedChatModelsJoinTheGridAsAModelsAxis() throws Exception {
        var bench = session.workbench();
        bench.chatModels().add(new ChatModelSettings("local-llama", ChatProvider.OLLAMA, "http://localhost:11434",
                "llama3.1:8b", null, null, null, null, 1, null, null, null));
        Path predictions = Files.writeString(tmp.resolve("p.jsonl"), "{\"id\": \"1\", \"output\": \"x\"}\n");
        bench.chatModels().add(ChatModelSettings.predictions("last-week", predictions));
        vm.refreshChoices();
        assertThat(vm.chatModels()).as("a predictions file cannot answer new questions").containsExactly("local-llama");

        fillForm();
        vm.form().models().add(ModelRef.stored("local-llama"));
        vm.form().contextTop().set(3);
        vm.form().judge().set(ModelRef.stored("local-llama"));
        assertThat(vm.preview().get()).isEqualTo("2 runs (2 points × 1 model): none · bm25 · local-llama, "
                + "none · bm25:b=0.75,k1=1.2 · local-llama");
        assertThat(vm.yaml().get()).contains("models:\n  - local-llama\n")
                .contains("prompt: { contextTop: 3 }\n").contains("judge:  { model: local-llama }\n");
        // BEIR has no reference answers: run's own message, at the models line
        assertThat(vm.problems()).singleElement().satisfies(p -> assertThat(p.text())
                .contains("reference answers, which a beir eval set does not have"));

        vm.form().models().clear();
        assertThat(vm.preview().get()).isEqualTo("2 runs: none · bm25, none · bm25:b=0.75,k1=1.2");
        assertThat(vm.yaml().get()).doesNotContain("models:").doesNotContain("judge:");
        assertThat(vm.problems()).isEmpty();
    }

    @Test
    void aFilledFormIsTheSpecRunReadsAndItsRunsLandInTheStore() throws Exception {
        assertThat(vm.preview().get()).isEqualTo("1 run: none · bm25");
        assertThat(vm.problems()).isNotEmpty(); // no corpus, no eval set yet
        fillForm();

        assertThat(runner.errors()).isEmpty();
        assertThat(vm.preview().get()).isEqualTo("2 runs: none · bm25, none · bm25:b=0.75,k1=1.2");
        assertThat(vm.problems()).isEmpty();
        assertThat(vm.spec().get()).isNotNull();
        assertThat(vm.yamlMode().get()).isFalse();
        Path file = vm.specFile().get();
        assertThat(file).isEqualTo(session.root().resolve("specs/tiny-bm25.yaml").toAbsolutePath().normalize());
        assertThat(vm.yaml().get()).isEqualTo(SpecYaml.write(vm.form().snapshot(), file));

        var finished = new ArrayList<String>();
        vm.run(finished::addAll);

        assertThat(runner.errors()).isEmpty();
        assertThat(finished).hasSize(2);
        assertThat(Files.readString(file)).isEqualTo(vm.yaml().get()); // what `run` would run
        var stored = session.workbench().runs().runs(RunQuery.all());
        assertThat(stored).hasSize(2).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
            assertThat(r.experiment()).isEqualTo("tiny-bm25");
            assertThat(r.tags()).containsEntry("dataset", "scifact-tiny");
            assertThat(r.metrics()).containsKeys("ndcg@10", "recall@100");
        });
        assertThat(vm.progress().rows()).extracting(r -> r.status().get())
                .containsExactly("finished", "finished");
        assertThat(vm.progress().gridProgress().get()).isEqualTo(1.0);
        assertThat(vm.status().get()).isEqualTo("Finished 2 runs of tiny-bm25.");

        // the two runs compared as `runs compare` compares them
        var compare = new CompareViewModel(session, runner);
        compare.compare(finished);
        var c = compare.comparison().get();
        assertThat(c).isNotNull();
        var service = session.workbench().comparisons().compare(finished.get(0), finished.get(1));
        assertThat(c.against(1, "ndcg@10").orElseThrow()).isEqualTo(service.metric("ndcg@10"));
        assertThat(c.differences()).extracting(p -> p.key()).contains("retrieval.k1", "retrieval.b");
        assertThat(compare.pair().get().a()).hasSize(6);
    }

    @Test
    void anEditedYamlIsWhatRunsAndTheFormShowsItUntilBackToTheForm() throws Exception {
        fillForm();
        String formYaml = vm.yaml().get();
        String edited = formYaml.replace("  - { kind: bm25, b: 0.75, k1: 1.2 }\n",
                "  - { kind: bm25, b: 0.75, k1: 1.2 }\n  - bm25:k1=0.6,b=0.3   # one more, typed\n");
        vm.yaml().set(edited);

        assertThat(vm.yamlMode().get()).isTrue();
        assertThat(vm.problems()).isEmpty();
        assertThat(vm.form().retrievers()).hasSize(3);
        assertThat(vm.preview().get()).startsWith("3 runs: ");
        assertThat(vm.yaml().get()).isEqualTo(edited); // the form's change did not overwrite the text

        vm.yaml().set(edited.replace("tiny-bm25", "tiny bm25").replace("top: ", "top: ") + "top: 5\n");
        Path file = vm.specFile().get();
        var expected = assertThatThrownBy(() -> ExperimentSpec.parse(vm.yaml().get(), file))
                .isInstanceOf(SpecException.class).actual();
        assertThat(vm.problems()).extracting(p -> p.text())
                .containsExactlyElementsOf(List.of(expected.getMessage().split("\n")));
        assertThat(vm.problems()).anySatisfy(p -> assertThat(vm.yaml().get().substring(p.start(), p.end()))
                .isEqualTo("tiny bm25"));
        assertThat(vm.canRun()).isFalse();
        assertThat(vm.form().retrievers()).hasSize(3); // still the last valid edit

        vm.backToForm();
        assertThat(vm.yamlMode().get()).isFalse();
        assertThat(vm.yaml().get()).isEqualTo(SpecYaml.write(vm.form().snapshot(), vm.specFile().get()))
                .contains("k1: 0.6").doesNotContain("# one more");
        assertThat(vm.problems()).isEmpty();
    }

    @Test
    void opensAndSavesSpecFiles() throws Exception {
        vm.open(Path.of("experiments/scifact-quick.yaml"));
        assertThat(runner.errors()).isEmpty();
        assertThat(vm.yamlMode().get()).isTrue();
        assertThat(vm.yaml().get()).startsWith("# A fast CI gate");
        assertThat(vm.problems()).isEmpty();
        assertThat(vm.form().name().get()).isEqualTo("scifact-quick");
        assertThat(vm.form().sampled().get()).isTrue();
        assertThat(vm.preview().get()).isEqualTo("1 run: none · bm25");

        Path copy = tmp.resolve("saved/quick.yaml");
        var command = new ArrayList<String>();
        vm.save(copy, () -> { });
        vm.copyCommand(command::add);
        assertThat(Files.readString(copy)).isEqualTo(vm.yaml().get());
        assertThat(command).singleElement().isEqualTo("rag-workbench run " + copy.toAbsolutePath().normalize()
                + " --workspace " + session.root());
    }
}
