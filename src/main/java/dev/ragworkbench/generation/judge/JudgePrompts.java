package dev.ragworkbench.generation.judge;

import dev.ragworkbench.generation.PromptTemplate;

import java.util.Set;

/**
 * The prompts of the four judge metrics, written for this workbench after Ragas's definitions (the README's
 * "Answers and judge metrics" prints them). Each asks for one JSON object and shows its exact shape, since the
 * reply is parsed strictly ({@link JsonJudgeCall}); JSON braces are not placeholders ({@link PromptTemplate}).
 */
public final class JudgePrompts {

    /** faithfulness, step 1: the answer as atomic statements. */
    public static final PromptTemplate STATEMENTS = PromptTemplate.parse("""
            You split an answer into statements for fact-checking.

            Question: {question}
            Answer: {answer}

            Rewrite the answer as a list of short, self-contained statements of fact: one fact each, every pronoun \
            replaced by what it refers to, nothing added that the answer does not say. An answer that asserts \
            nothing (a refusal, "I don't know") gives an empty list.
            Reply with only this JSON object, nothing before or after it:
            {"statements": ["first statement", "second statement"]}""", Set.of("question", "answer"));

    /** faithfulness, step 2: each statement supported by the context or not. */
    public static final PromptTemplate VERDICTS = PromptTemplate.parse("""
            You check statements against a context.

            Context:
            {context}

            Statements:
            {statements}

            For each statement, in the order given, decide whether the context supports it: verdict 1 when the \
            statement can be inferred directly from the context, 0 when it cannot (contradicted, or simply not \
            there). Judge by the context alone, not by what you know.
            Reply with only this JSON object, one entry per statement, nothing before or after it:
            {"verdicts": [{"statement": "the statement", "reason": "why, briefly", "verdict": 1}]}""",
            Set.of("context", "statements"));

    /** answer_relevancy: questions generated back from the answer, and whether it commits to anything. */
    public static final PromptTemplate QUESTIONS = PromptTemplate.parse("""
            You guess the question an answer was given to.

            Answer: {answer}

            Write {n} different questions that this answer answers, each complete on its own. Also say whether \
            the answer is noncommittal: 1 when it evades, hedges or declines ("I don't know", "it depends", "the \
            context does not say"), 0 when it commits to an answer.
            Reply with only this JSON object, with {n} questions, nothing before or after it:
            {"questions": ["a question", "another question"], "noncommittal": 0}""", Set.of("answer", "n"));

    /** context_precision: one retrieved chunk useful for reaching the reference answer or not. */
    public static final PromptTemplate USEFUL = PromptTemplate.parse("""
            You judge whether a passage helps to answer a question.

            Question: {question}
            Reference answer: {reference}

            Passage:
            {passage}

            Verdict 1 when the passage was useful in arriving at the reference answer (it states the answer, or \
            a fact the answer rests on), 0 when it was not.
            Reply with only this JSON object, nothing before or after it:
            {"reason": "why, briefly", "verdict": 1}""", Set.of("question", "reference", "passage"));

    /** context_recall: each statement of the reference answer attributable to the context or not. */
    public static final PromptTemplate ATTRIBUTED = PromptTemplate.parse("""
            You check a reference answer against a context.

            Question: {question}

            Context:
            {context}

            Reference answer: {reference}

            Split the reference answer into short, self-contained statements (one fact each) and decide for each \
            whether it can be attributed to the context: 1 when the context states it or it follows directly \
            from it, 0 when it does not.
            Reply with only this JSON object, nothing before or after it:
            {"classifications": [{"statement": "the statement", "reason": "why, briefly", "attributed": 1}]}""",
            Set.of("question", "context", "reference"));

    private JudgePrompts() {
    }
}
