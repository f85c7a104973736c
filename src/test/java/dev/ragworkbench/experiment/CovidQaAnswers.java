package dev.ragworkbench.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ragworkbench.generation.ChatProvider;
import dev.ragworkbench.generation.ChatServer;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first COVID-QA articles as a BEIR corpus and their questions as a SQuAD eval set (written to a test's
 * folder; the shared data is only read), and a scripted OpenAI-protocol model that answers by the question it
 * finds in the prompt. Model {@code script}: question i (0-based, file order) gets a wrong answer when
 * i % 3 == 0, the reference answer when i % 3 == 1, and the reference upper-cased after "The " with a "!" (the
 * same answer after SQuAD's normalisation) when i % 3 == 2; question {@link #FAILING} gets a 400. Model
 * {@code wrong} answers every question wrongly.
 */
@SuppressWarnings("deprecation")
public final class CovidQaAnswers {

    public static final String WRONG = "xylophone";
    /** The question (0-based) whose call fails with a 400. */
    public static final int FAILING = 4;

    private static final Path DATA = Path.of(System.getProperty("ragworkbench.shared.data", "../shared/data"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QUESTION = Pattern.compile("Question: (.*)\\nAnswer:");

    /** Question text → its index and reference answer, in file order. */
    public final Map<String, Integer> index = new LinkedHashMap<>();
    public final List<String> questions = new ArrayList<>();
    public final List<String> references = new ArrayList<>();
    public final Path corpus;
    public final Path squad;

    public CovidQaAnswers(Path dir, int articles) throws IOException {
        JsonNode data = JSON.readTree(DATA.resolve("covid-qa/200423_covidQA.json").toFile()).path("data");
        var corpusLines = new StringBuilder();
        ArrayNode kept = JSON.createArrayNode();
        for (int a = 0; a < articles; a++) {
            JsonNode article = data.get(a);
            kept.add(article);
            JsonNode paragraph = article.path("paragraphs").get(0);
            String id = paragraph.path("document_id").asText();
            corpusLines.append(JSON.writeValueAsString(Map.of("_id", id, "title", "COVID-QA article " + id,
                    "text", paragraph.path("context").asText()))).append('\n');
            for (JsonNode qa : paragraph.path("qas")) {
                String q = qa.path("question").asText().strip();
                if (index.putIfAbsent(q, questions.size()) == null) {
                    questions.add(q);
                    references.add(qa.path("answers").get(0).path("text").asText());
                }
            }
        }
        corpus = Files.writeString(dir.resolve("corpus.jsonl"), corpusLines);
        squad = dir.resolve("covid.squad.json");
        JSON.writeValue(squad.toFile(), Map.of("version", "test", "data", kept));
    }

    /** What model {@code script} answers question {@code i} (null: its call fails). */
    public String scripted(int i) {
        if (i == FAILING) {
            return null;
        }
        return switch (i % 3) {
            case 0 -> WRONG;
            case 1 -> references.get(i);
            default -> "The " + references.get(i).strip().toUpperCase(java.util.Locale.ROOT) + "!";
        };
    }

    /** The scripted server: answers model {@code script} and {@code wrong} by the prompt's question. */
    public Dispatcher dispatcher() {
        return dispatcher(prompt -> ChatServer.status(500));
    }

    /** As {@link #dispatcher()}, with model {@code judge} answering its first message with {@code judge}. */
    public Dispatcher dispatcher(java.util.function.Function<String, MockResponse> judge) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    JsonNode body = JSON.readTree(request.getBody().readUtf8());
                    if (body.path("model").asText().equals("judge")) {
                        return judge.apply(body.path("messages").get(0).path("content").asText());
                    }
                    String prompt = body.path("messages").get(body.path("messages").size() - 1).path("content").asText();
                    Matcher m = QUESTION.matcher(prompt);
                    Integer i = m.find() ? index.get(m.group(1).strip()) : null;
                    if (i == null) {
                        return ChatServer.json(400, "{\"error\":{\"message\":\"no question in the prompt\"}}");
                    }
                    if (body.path("model").asText().equals("wrong")) {
                        return ChatServer.openAi(WRONG, 100, 1);
                    }
                    String answer = scripted(i);
                    return answer == null ? ChatServer.json(400, "{\"error\":{\"message\":\"scripted failure\"}}")
                            : ChatServer.openAi(answer, 100, 5);
                } catch (IOException e) {
                    return ChatServer.status(500);
                }
            }
        };
    }

    /** A spec over the corpus and eval set with BM25 and the two scripted models inline, plus {@code extra}. */
    public String spec(ChatServer server, String extra) {
        String url = server.baseUrl(ChatProvider.OPENAI);
        return """
                name: covid-answers
                corpus: { format: beir, path: corpus.jsonl }
                evalSet: { format: squad, path: covid.squad.json }
                chunking: [ "recursive:size=256,overlap=32" ]
                retrieval: [ bm25 ]
                metrics: [ ndcg@10, recall@10 ]
                models:
                  - { name: script, provider: openai, baseUrl: '%s', model: script, concurrency: 4 }
                  - { name: wrong, provider: openai, baseUrl: '%s', model: wrong }
                prompt: { contextTop: 3 }
                """.formatted(url, url) + extra;
    }
}
