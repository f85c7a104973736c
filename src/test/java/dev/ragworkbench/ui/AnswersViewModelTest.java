package dev.ragworkbench.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.ChatProvider;
import dev.ragworkbench.generation.ChatServer;
import dev.ragworkbench.generation.PromptTemplate;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.CancelledException;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.retrieval.compare.ColumnHit;
import dev.ragworkbench.ui.common.Debouncer;
import dev.ragworkbench.ui.retrieval.AnswersViewModel;
import dev.ragworkbench.ui.retrieval.ColumnAnswer;
import dev.ragworkbench.ui.retrieval.ColumnViewModel;
import dev.ragworkbench.ui.retrieval.RetrievalViewModel;
import dev.ragworkbench.ui.tasks.SameThreadTaskRunner;
import dev.ragworkbench.ui.tasks.TaskHandle;
import dev.ragworkbench.ui.tasks.TaskRequest;
import dev.ragworkbench.ui.tasks.TaskRunner;
import dev.ragworkbench.ui.workspace.WorkspaceSession;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-query view's answers on a real SciFact subset indexed with MiniLM, asked of an OpenAI-compatible model
 * on the scripted server (the real wire protocol over a socket): each column is answered from its own top hits
 * with the answer specs' prompt, a dead endpoint is a reason in words, and a new query stops what is in flight.
 */
@SuppressWarnings("deprecation") // okhttp3.mockwebserver, as ChatServer
class AnswersViewModelTest {

    static final String QUERY = "vitamin D deficiency and bone density";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    WorkspaceSession session;
    HeldAnswers runner = new HeldAnswers();
    RetrievalViewModel vm;
    AnswersViewModel answers;
    ChatServer server;
    final List<String> prompts = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void open() throws Exception {
        session = WorkspaceSession.open(RetrievalFixture.workspace(tmp.resolve("ws")));
        vm = new RetrievalViewModel(session, runner, Debouncer.immediate(), Runnable::run);
        answers = new AnswersViewModel(vm, Runnable::run);
        server = new ChatServer();
        // answers "column N" in pieces, N counting the calls, and keeps each call's prompt
        server.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    var body = JSON.readTree(request.getBody().readUtf8());
                    prompts.add(body.path("messages").get(0).path("content").asText());
                    return ChatServer.openAiStream("From ", "column ", Integer.toString(prompts.size()));
                } catch (Exception e) {
                    return ChatServer.status(400);
                }
            }
        });
    }

    @AfterEach
    void close() throws Exception {
        answers.dispose();
        vm.dispose();
        session.close();
        server.close();
    }

    private ChatModelSettings model(String name, String baseUrl) {
        return new ChatModelSettings(name, ChatProvider.OPENAI, baseUrl, "local-1", null, 0.0, null, null, 4, null,
                null, null);
    }

    @Test
    void withoutAModelThatCanAnswerTheBarSaysSoAndAPredictionsFileIsNotOffered() throws Exception {
        answers.reload();
        assertThat(answers.loadedProperty().get()).isTrue();
        assertThat(answers.models()).isEmpty();
        assertThat(answers.modelProperty().get()).isNull();
        assertThat(answers.messageProperty().get()).isEqualTo("No chat model: add one in Settings");

        Files.writeString(tmp.resolve("p.jsonl"), "{\"id\": \"1\", \"output\": \"x\"}\n");
        session.workbench().chatModels().add(ChatModelSettings.predictions("last-week", tmp.resolve("p.jsonl")));
        answers.reload();
        assertThat(answers.models()).isEmpty();
        assertThat(answers.messageProperty().get()).contains("predictions file cannot answer a new question");

        // a model added in Settings is offered when the pane is shown again (attach reloads)
        session.workbench().chatModels().add(model("local", server.baseUrl(ChatProvider.OPENAI)));
        answers.reload();
        assertThat(answers.models()).containsExactly("local");
        assertThat(answers.modelProperty().get()).isEqualTo("local");
        assertThat(answers.messageProperty().get()).isEmpty();
        assertThat(runner.now.errors()).isEmpty();
    }

    @Test
    void eachColumnIsAnsweredFromItsOwnTopHitsWithTheAnswerSpecsPrompt() {
        session.workbench().chatModels().add(model("local", server.baseUrl(ChatProvider.OPENAI)));
        answers.reload();
        assertThat(answers.hitsShownProperty().get()).isFalse();
        vm.queryProperty().set(QUERY);
        assertThat(vm.columns()).hasSize(3).allSatisfy(c -> assertThat(c.resultProperty().get()).isNotNull());
        assertThat(answers.hitsShownProperty().get()).isTrue();
        var seen = new ArrayList<String>();
        answers.answer(vm.columns().getFirst()).textProperty().addListener((o, a, t) -> seen.add(t));

        answers.answerAll();
        assertThat(answers.askingBinding().get()).isTrue();
        runner.runHeld();

        assertThat(runner.now.errors()).isEmpty();
        assertThat(seen).as("the text grows piece by piece").startsWith("From ", "From column ");
        assertThat(prompts).hasSize(3);
        for (int i = 0; i < 3; i++) {
            ColumnViewModel column = vm.columns().get(i);
            ColumnAnswer answer = answers.answer(column);
            assertThat(answer.stateProperty().get()).isEqualTo(ColumnAnswer.State.ANSWERED);
            assertThat(answer.modelProperty().get()).isEqualTo("local");
            assertThat(answer.textProperty().get()).isEqualTo("From column " + (i + 1));
            assertThat(answer.statusProperty().get()).matches("Answered in [\\d,]+ ms · 3 tokens in, 3 out");

            String prompt = prompts.get(i);
            assertThat(prompt).startsWith(PromptTemplate.DEFAULT_RAG_TEXT.lines().findFirst().orElseThrow())
                    .endsWith("Question: " + QUERY + "\nAnswer:");
            var top = column.resultProperty().get().hits().subList(0, 5);
            assertThat(prompt.lines().filter(l -> l.matches("\\[\\d+].*")).toList())
                    .as("column %d's top five hits, numbered, each under its title", i)
                    .containsExactlyElementsOf(top.stream().map(h -> "[" + h.rank() + "] " + h.title().strip()).toList());
            // the whole chunk, not the hit's snippet: the snippet's words are the start of the chunk's text
            ColumnHit first = top.getFirst();
            String snippetStart = first.snippet().substring(0, Math.min(40, first.snippet().length()));
            assertThat(prompt.replaceAll("\\s+", " ")).contains(snippetStart.replace("…", ""));
        }
        assertThat(prompts.get(0)).isNotEqualTo(prompts.get(1)); // bm25's hits are not dense's
        assertThat(answers.askingBinding().get()).isFalse();

        // a column's setting changed: its hits are others and its answer goes; the others' hits and answers stay
        vm.columns().get(2).kindProperty().set(dev.ragworkbench.retrieval.RetrieverKind.BM25);
        assertThat(answers.answer(vm.columns().get(2)).stateProperty().get()).isEqualTo(ColumnAnswer.State.NONE);
        assertThat(answers.answer(vm.columns().get(0)).textProperty().get()).isEqualTo("From column 1");
        assertThat(answers.answer(vm.columns().get(1)).textProperty().get()).isEqualTo("From column 2");
    }

    @Test
    void aDeadEndpointIsAReasonInWords() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        session.workbench().chatModels().add(model("gone", "http://127.0.0.1:" + port + "/v1"));
        answers.reload();
        vm.queryProperty().set(QUERY);
        answers.answerAll();
        runner.runHeld();

        ColumnAnswer answer = answers.answer(vm.columns().getFirst());
        assertThat(answer.stateProperty().get()).isEqualTo(ColumnAnswer.State.FAILED);
        assertThat(answer.textProperty().get()).isEmpty();
        assertThat(answer.statusProperty().get()).startsWith("Connection refused by 127.0.0.1:" + port)
                .endsWith("is the server running?");
    }

    @Test
    void aNewQueryStopsTheCallsInFlightAndClearsTheAnswers() throws Exception {
        server.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                prompts.add(request.getBody().readUtf8());
                return ChatServer.hang();
            }
        });
        session.workbench().chatModels().add(model("local", server.baseUrl(ChatProvider.OPENAI)));
        answers.reload();
        vm.queryProperty().set(QUERY);

        // not started yet: the new query cancels them before they send anything
        answers.answerAll();
        vm.queryProperty().set("bone mineral density in older women");
        runner.runHeld();
        assertThat(prompts).isEmpty();
        assertThat(vm.columns()).allSatisfy(c -> assertThat(answers.answer(c).stateProperty().get())
                .isEqualTo(ColumnAnswer.State.NONE));

        // asked, the server holding the answer: the next query stops the call, long before its 60 s timeout
        answers.answerAll();
        Thread asking = Thread.ofPlatform().start(runner::runHeld);
        assertThat(server.server.takeRequest(20, TimeUnit.SECONDS)).isNotNull();
        assertThat(answers.answer(vm.columns().getFirst()).stateProperty().get()).isEqualTo(ColumnAnswer.State.ASKING);
        vm.queryProperty().set(QUERY);
        asking.join(10_000);
        assertThat(asking.isAlive()).isFalse();
        assertThat(vm.columns()).allSatisfy(c -> {
            assertThat(answers.answer(c).stateProperty().get()).isEqualTo(ColumnAnswer.State.NONE);
            assertThat(answers.answer(c).textProperty().get()).isEmpty();
        });

        // Stop: the call ends, the column says so and nothing is asking any more
        answers.answerAll();
        asking = Thread.ofPlatform().start(runner::runHeld);
        assertThat(server.server.takeRequest(20, TimeUnit.SECONDS)).isNotNull();
        assertThat(answers.askingBinding().get()).isTrue();
        answers.stopAll();
        asking.join(10_000);
        assertThat(asking.isAlive()).isFalse();
        assertThat(answers.askingBinding().get()).isFalse();
        assertThat(answers.answer(vm.columns().getFirst()).stateProperty().get()).isEqualTo(ColumnAnswer.State.STOPPED);
        assertThat(answers.answer(vm.columns().getFirst()).statusProperty().get()).isEqualTo("Stopped.");
        assertThat(runner.now.errors()).isEmpty();
    }

    /**
     * Holds the answers' tasks until {@link #runHeld()} (so a test can act while they wait or run), each with a
     * cancellation its handle sets, as the window's runner does; runs everything else at once.
     */
    static final class HeldAnswers implements TaskRunner {
        final SameThreadTaskRunner now = new SameThreadTaskRunner();
        private final List<Runnable> held = Collections.synchronizedList(new ArrayList<>());

        @Override
        public <T> TaskHandle run(TaskRequest<T> request) {
            if (!request.title().startsWith("Answering")) {
                return now.run(request);
            }
            var cancel = new Cancellation();
            held.add(() -> {
                try {
                    request.onSuccess().accept(request.work().call(ProgressListener.NONE, cancel));
                } catch (CancelledException e) {
                    // cancelled work reports nothing
                } catch (Exception e) {
                    request.onFailure().accept(e);
                } finally {
                    request.onFinished().run();
                }
            });
            return new TaskHandle() {
                @Override
                public void cancel() {
                    cancel.cancel();
                }

                @Override
                public boolean isDone() {
                    return false;
                }
            };
        }

        /** Runs the held tasks one after the other, on the calling thread. */
        void runHeld() {
            List<Runnable> now;
            synchronized (held) {
                now = List.copyOf(held);
                held.clear();
            }
            now.forEach(Runnable::run);
        }
    }
}
