package dev.ragworkbench.experiment;

import dev.ragworkbench.embedding.Embedders;
import dev.ragworkbench.evaluation.AnswerMetric;
import dev.ragworkbench.evaluation.AnswerMetrics;
import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.evaluation.EvaluationResult;
import dev.ragworkbench.evaluation.Evaluator;
import dev.ragworkbench.evaluation.Rankings;
import dev.ragworkbench.experiment.spec.AnswerSetup;
import dev.ragworkbench.experiment.spec.ExperimentSpec;
import dev.ragworkbench.experiment.spec.GridPoint;
import dev.ragworkbench.experiment.spec.Problem;
import dev.ragworkbench.experiment.spec.SpecException;
import dev.ragworkbench.experiment.store.ExperimentExecution;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunBatch;
import dev.ragworkbench.experiment.store.RunStatus;
import dev.ragworkbench.experiment.store.RunStore;
import dev.ragworkbench.generation.ChatClient;
import dev.ragworkbench.generation.ChatFailure;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.ChatRequest;
import dev.ragworkbench.generation.judge.RagasJudge;
import dev.ragworkbench.index.ChunkIndex;
import dev.ragworkbench.index.IndexInfo;
import dev.ragworkbench.index.IndexSettings;
import dev.ragworkbench.index.StoredChunk;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.CancelledException;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.retrieval.Retriever;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The answers of a RAG set-up, {@link ExperimentRunner}'s collaborator for a spec with a {@code models} axis: at
 * each grid point the queries are searched once, then each model answers every query with a reference answer
 * from its top chunks, one run per model. A run holds the point's retrieval metrics (means and per query) beside
 * the answers' {@code exact_match}, {@code token_f1} and {@code rouge_l} (per item, failed calls left out and
 * counted, as model runs do: {@link ItemScoring}), and with a judge Ragas's four ({@link AnswerJudging}); so
 * "retrieval found it, the model got it wrong" is one history filter away.
 */
final class AnswerRuns implements AutoCloseable {

    private final ExperimentResources resources;
    private final RunStore store;
    private final ExperimentSpec spec;
    private final AnswerSetup setup;
    private final List<ChatModelSettings> models;
    private final List<ChatClient> clients;
    private final ChatModelSettings judgeModel;
    private final ChatClient judgeClient;
    private final List<AnswerMetric> metrics;

    private AnswerRuns(ExperimentResources resources, RunStore store, ExperimentSpec spec,
                       List<ChatModelSettings> models, List<ChatClient> clients, ChatModelSettings judgeModel,
                       ChatClient judgeClient) {
        this.resources = resources;
        this.store = store;
        this.spec = spec;
        this.setup = spec.answers().orElseThrow();
        this.models = models;
        this.clients = clients;
        this.judgeModel = judgeModel;
        this.judgeClient = judgeClient;
        this.metrics = AnswerMetrics.REFERENCE_NAMES.stream()
                .map(name -> AnswerMetrics.create(name, () -> resources.embedder(Embedders.DEFAULT))).toList();
    }

    /**
     * Looks up the spec's stored models and opens a client per model (and the judge's).
     *
     * @throws IllegalArgumentException {@code file:line:col: no stored model …} for each name the workspace
     *                                  lacks, or a model that cannot be used as set up
     */
    static AnswerRuns open(ExperimentResources resources, RunStore store, ExperimentSpec spec, boolean fresh) {
        AnswerSetup setup = spec.answers().orElseThrow();
        var problems = new ArrayList<Problem>();
        var settings = new ArrayList<ChatModelSettings>();
        for (AnswerSetup.Model m : setup.models()) {
            settings.add(resolve(resources, spec, m, problems));
        }
        ChatModelSettings judge = setup.judge().map(j -> resolve(resources, spec, j.model(), problems)).orElse(null);
        if (!problems.isEmpty()) { // bad input, told as the spec's problems are: one file:line:col line each
            var problem = new SpecException(spec.source(), problems);
            throw new IllegalArgumentException(problem.getMessage(), problem);
        }
        var clients = new ArrayList<ChatClient>();
        try {
            for (ChatModelSettings s : settings) {
                clients.add(resources.chatClient(s, fresh));
            }
            ChatClient judgeClient = judge == null ? null : resources.chatClient(judge, fresh);
            return new AnswerRuns(resources, store, spec, settings, clients, judge, judgeClient);
        } catch (RuntimeException e) {
            clients.forEach(ChatClient::close);
            throw e;
        }
    }

    private static ChatModelSettings resolve(ExperimentResources resources, ExperimentSpec spec, AnswerSetup.Model m,
                                             List<Problem> problems) {
        if (m.ref().inline() != null) {
            return m.ref().inline();
        }
        try {
            return resources.chatModel(m.ref().stored());
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(m.line(), m.column(), e.getMessage()));
            return null;
        }
    }

    /** Answers are scored against reference answers: an eval set without any cannot be answered. */
    static void requireReferences(EvalSet evalSet) {
        if (answerable(evalSet).isEmpty()) {
            throw new IllegalArgumentException("eval set '" + evalSet.name() + "' has no reference answers, which"
                    + " the answers of the spec's models are scored against; use a SQuAD or Ragas eval set");
        }
    }

    /** The queries that have a reference answer, id → question, in eval-set order. */
    private static SequencedMap<String, String> answerable(EvalSet evalSet) {
        var out = new LinkedHashMap<String, String>();
        evalSet.queries().forEach((id, question) -> {
            var ref = evalSet.reference(id);
            if (ref != null && ref.answer() != null && !ref.answer().isBlank()) {
                out.put(id, question);
            }
        });
        return out;
    }

    int models() {
        return models.size();
    }

    /** The progress stage of {@code model}'s answers at a point. */
    static String stage(String model) {
        return ExperimentRunner.ANSWERS_STAGE + model;
    }

    /**
     * One run per model at {@code point}, all written as started first; a cancel or failure ends the runs not
     * finished as cancelled or failed, the finished ones staying as they are.
     */
    List<ExperimentRunner.Outcome> runPoint(ExperimentRunner runner, ExperimentExecution execution, GridPoint point,
                                            EvalSet evalSet, IndexInfo info, ExperimentRunner.Options options,
                                            ProgressListener progress, Cancellation cancel) throws IOException {
        var base = ExperimentRunner.params(point, info, evalSet);
        var runs = new ArrayList<Run>();
        for (ChatModelSettings model : models) {
            runs.add(store.startRunOf(execution, point.name(model.name()), params(base, model, point),
                    spec.tags()));
        }
        var outcomes = new ArrayList<ExperimentRunner.Outcome>();
        try (ChunkIndex index = resources.openIndex(info.name())) {
            Retriever retriever = resources.retriever(index, point.retriever(), point.adapter().orElse(null));
            Rankings ranking = ExperimentRunner.search(retriever, evalSet, point.inputs().top(), info.chunks(),
                    runs.getFirst().id(), progress, cancel);
            var questions = answerable(evalSet);
            var contexts = AnswerContexts.search(retriever, index, questions, setup.contextTop(), progress, cancel);
            for (int i = 0; i < models.size(); i++) {
                cancel.check();
                outcomes.add(answer(runner, runs.get(i), point, evalSet, new Rankings(runs.get(i).id(),
                        ranking.rankings()), questions, contexts, i, options, progress, cancel));
            }
            return outcomes;
        } catch (CancelledException e) {
            runs.subList(outcomes.size(), runs.size()).forEach(r -> end(r, null));
            throw e;
        } catch (RuntimeException | IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            runs.subList(outcomes.size(), runs.size()).forEach(r -> end(r, reason));
            throw e;
        }
    }

    /** Ends a run not finished: cancelled when {@code failure} is null, else failed with it. */
    private void end(Run run, String failure) {
        if (store.run(run.id()).status() == RunStatus.RUNNING) {
            if (failure == null) {
                store.cancel(run.id());
            } else {
                store.fail(run.id(), failure);
            }
        }
    }

    private ExperimentRunner.Outcome answer(ExperimentRunner runner, Run run, GridPoint point, EvalSet evalSet,
                                            Rankings ranking, SequencedMap<String, String> questions,
                                            SequencedMap<String, List<StoredChunk>> contexts, int model,
                                            ExperimentRunner.Options options, ProgressListener progress,
                                            Cancellation cancel) throws IOException {
        EvaluationResult result = Evaluator.evaluate(ranking, evalSet, spec.metrics());
        var ids = new ArrayList<>(questions.keySet());
        var requests = new ArrayList<ChatRequest>();
        var contextTexts = new ArrayList<String>();
        for (String id : ids) {
            String context = AnswerContexts.format(contexts.get(id));
            contextTexts.add(context);
            requests.add(new ChatRequest(id, setup.prompt().messages(List.of(),
                    Map.of("question", questions.get(id), "context", context))));
        }
        ChatModelSettings settings = models.get(model);
        var calls = ItemCalls.callAll(clients.get(model), requests, stage(settings.name()), progress, cancel);
        boolean cancelled = cancel.isCancelled() || calls.stream()
                .anyMatch(c -> c.failure() != null && c.failure().kind() == ChatFailure.Kind.CANCELLED);
        var records = new ArrayList<ItemRecord>();
        for (int i = 0; i < ids.size(); i++) {
            records.add(ItemScoring.record(ids.get(i), requests.get(i).messages().getLast().text(),
                    evalSet.reference(ids.get(i)).answer(), calls.get(i)));
        }
        var scored = ItemScoring.scored(records, metrics);
        AnswerJudging.Result judged = null;
        if (judgeClient != null && !cancelled) {
            var items = new ArrayList<RagasJudge.Item>();
            for (int i = 0; i < scored.size(); i++) {
                ItemRecord r = scored.get(i);
                if (!r.failed()) {
                    items.add(new RagasJudge.Item(r.id(), questions.get(r.id()), r.output(), r.expected(),
                            contexts.get(r.id()).stream().map(StoredChunk::text).toList(), contextTexts.get(i)));
                }
            }
            var judge = new RagasJudge(judgeClient, () -> resources.embedder(judgeEmbedder(point)),
                    setup.judge().orElseThrow().questions());
            judged = AnswerJudging.judge(judge, judgeClient, items, "judge · " + settings.name(), progress, cancel);
            cancelled = judged.cancelled() || cancel.isCancelled();
        }
        var batch = ItemScoring.batch(RunBatch.builder().evaluation(result), scored, metrics, settings);
        if (judged != null) {
            AnswerJudging.addTo(batch, judged, judgeModel);
        }
        store.log(run.id(), batch.build());
        runner.saveArtifacts(run.id(), ranking, result, options.trecDir());
        ModelRunRecords.saveArtifacts(store, run.id(), setup.prompt().text(), scored);
        if (judged != null) {
            AnswerJudging.saveArtifact(store, run.id(), judged);
        }
        if (cancelled) {
            store.cancel(run.id());
            throw new CancelledException();
        }
        return new ExperimentRunner.Outcome(point, store.finish(run.id()), result, scored,
                judged == null ? Map.of() : judged.failed());
    }

    /** answer_relevancy compares questions with the run's own embedder, or the bundled one for lexical runs. */
    private static String judgeEmbedder(GridPoint point) {
        String e = point.baseEmbedder();
        return e.equals(IndexSettings.NO_EMBEDDER) ? Embedders.DEFAULT : e;
    }

    /** The point's params, then {@code model.*}, {@code prompt.*} and, with a judge, {@code judge.*}. */
    private Map<String, String> params(Map<String, String> base, ChatModelSettings model, GridPoint point) {
        var p = new LinkedHashMap<>(base);
        p.putAll(ModelRunRecords.modelParams("model", model));
        p.put("prompt.sha256", setup.prompt().sha256());
        if (setup.promptFile() != null) {
            p.put("prompt.file", setup.promptFile().toString());
        }
        p.put("prompt.contextTop", Integer.toString(setup.contextTop()));
        if (judgeModel != null) {
            p.putAll(ModelRunRecords.modelParams("judge.model", judgeModel));
            p.put("judge.questions", Integer.toString(setup.judge().orElseThrow().questions()));
            p.put("judge.embedder", judgeEmbedder(point));
        }
        return p;
    }

    @Override
    public void close() {
        clients.forEach(ChatClient::close);
        if (judgeClient != null) {
            judgeClient.close();
        }
    }
}
