package dev.ragworkbench.experiment;

import dev.ragworkbench.experiment.spec.AnswerSetup;
import dev.ragworkbench.generation.ChatClient;
import dev.ragworkbench.generation.ChatFailure;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.ChatReply;
import dev.ragworkbench.generation.ChatRequest;
import dev.ragworkbench.generation.PromptTemplate;
import dev.ragworkbench.index.StoredChunk;
import dev.ragworkbench.progress.Cancellation;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One question answered by a stored chat model from the chunks one retriever found: the Retrieval pane's "what
 * would a model say from these hits". The prompt is exactly the one an answer spec without a prompt of its own
 * sends ({@link PromptTemplate#defaultForRag()}, {@code {context}} the chunks numbered from 1 under their titles,
 * as {@link AnswerContexts#format} makes it), so what the pane shows for a query is what a run would record.
 * Nothing is stored but the call cache's entry.
 */
public final class HitAnswers {

    /** How many of a column's top hits go into the context: the answer specs' default. */
    public static final int CONTEXT_TOP = AnswerSetup.DEFAULT_CONTEXT_TOP;
    /**
     * The item id of the pane's calls (part of the cache key): a question typed in the pane has no eval-set id,
     * and the same question over the same chunks may well come from the cache.
     */
    static final String ITEM_ID = "retrieval-pane";

    private static final PromptTemplate PROMPT = PromptTemplate.defaultForRag();

    private final ExperimentResources resources;

    public HitAnswers(ExperimentResources resources) {
        this.resources = resources;
    }

    /**
     * What a model said, or why it did not: a reply, or a failure's kind and its reason in plain words
     * ("connection refused by 127.0.0.1:11434 …: is the server running?").
     */
    public record Answer(String model, ChatReply reply, ChatFailure.Kind failure, String reason) {

        public boolean ok() {
            return reply != null;
        }

        static Answer failed(String model, ChatFailure f) {
            return new Answer(model, null, f.kind(), f.getMessage());
        }
    }

    /** The stored models that can answer a new question (endpoints, not predictions files), in store order. */
    public List<ChatModelSettings> models() {
        return resources.storedChatModels().stream().filter(ChatModelSettings::answersNewPrompts).toList();
    }

    /** The call an answer spec would make for {@code question} over {@code chunks}, best first. */
    public static ChatRequest request(String question, List<StoredChunk> chunks) {
        Objects.requireNonNull(question, "question");
        return new ChatRequest(ITEM_ID, PROMPT.messages(List.of(),
                Map.of("question", question, "context", AnswerContexts.format(chunks))));
    }

    /**
     * Asks the stored model {@code modelName} {@code question} from {@code chunks} (a column's top hits' chunks),
     * the call cache's answer when it holds one, passing the answer's text to {@code partial} as it streams in (on
     * the calling thread). A call that fails, or is cancelled, is an {@link Answer} with the failure's kind.
     *
     * @throws IllegalArgumentException when no model of that name is stored, or it is a predictions file
     */
    public Answer answer(String question, List<StoredChunk> chunks, String modelName, Consumer<String> partial,
                         Cancellation cancel) {
        ChatModelSettings model = resources.chatModel(modelName);
        if (!model.answersNewPrompts()) {
            throw new IllegalArgumentException("model " + model.name() + " is a predictions file: it holds answers"
                    + " to an eval set's or test set's items only, not to a question typed here; choose a model"
                    + " with an endpoint (Ollama or OpenAI-compatible)");
        }
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("no hits to answer from: the column found nothing for this query");
        }
        ChatRequest request = request(question, chunks);
        try (ChatClient client = resources.chatClient(model, false)) {
            return new Answer(model.name(), client.stream(request, cancel, partial), null, null);
        } catch (ChatFailure f) {
            return Answer.failed(model.name(), f);
        }
    }
}
