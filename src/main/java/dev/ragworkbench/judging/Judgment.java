package dev.ragworkbench.judging;

import java.util.Objects;

/**
 * One graded relevance of a document for a query: 0 not relevant, 1 relevant, 2 highly relevant. Grades are per
 * document: grading a chunk grades its document, so every chunk of it shows the same grade.
 */
public record Judgment(String queryId, String documentId, int grade) {

    public static final int NOT_RELEVANT = 0;
    public static final int RELEVANT = 1;
    public static final int HIGHLY_RELEVANT = 2;

    public Judgment {
        Objects.requireNonNull(queryId, "query id");
        Objects.requireNonNull(documentId, "document id");
        if (queryId.isBlank() || documentId.isBlank()) {
            throw new IllegalArgumentException("a judgment names a query and a document, got '" + queryId + "' and '"
                    + documentId + "'");
        }
        checkGrade(grade);
    }

    /** Throws unless {@code grade} is 0, 1 or 2. */
    public static int checkGrade(int grade) {
        if (grade < NOT_RELEVANT || grade > HIGHLY_RELEVANT) {
            throw new IllegalArgumentException("a grade is 0 (not relevant), 1 (relevant) or 2 (highly relevant), not "
                    + grade);
        }
        return grade;
    }

    /** The label the pane and the command line show for a grade. */
    public static String label(int grade) {
        return switch (checkGrade(grade)) {
            case NOT_RELEVANT -> "not relevant";
            case RELEVANT -> "relevant";
            default -> "highly relevant";
        };
    }
}
