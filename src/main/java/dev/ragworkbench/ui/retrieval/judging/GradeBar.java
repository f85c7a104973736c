package dev.ragworkbench.ui.retrieval.judging;

import atlantafx.base.theme.Styles;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.MapChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;

import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Three buttons, 0 not relevant, 1 relevant, 2 highly relevant, for the document of the selected hit: they show its
 * grade in {@link GradingModel#grades()} and grade it when clicked. {@link #installKeys} lets the keys 0, 1 and 2
 * do the same in a list or pane.
 */
public final class GradeBar extends HBox {

    /** Short enough for the details view's narrow side panel; the tooltips say them in full. */
    private static final String[] LABELS = {"0 Not", "1 Relevant", "2 Highly"};
    private static final String[] MEANINGS = {"not relevant", "relevant", "highly relevant"};
    private static final String[] PILLS = {Styles.LEFT_PILL, Styles.CENTER_PILL, Styles.RIGHT_PILL};

    private final ObjectProperty<String> documentId = new SimpleObjectProperty<>();
    private final List<ToggleButton> buttons;
    private boolean updating;

    /** A bar grading through {@code model}, for the document in {@link #documentIdProperty()}. */
    public GradeBar(GradingModel model) {
        this((DocumentGrader) model::grade);
        model.grades().addListener((MapChangeListener<String, Integer>) c -> show(grade(model, documentId.get())));
        documentId.addListener((o, was, now) -> show(grade(model, now)));
    }

    /** A bar that hands each grade to {@code onGrade} with the document; the caller shows grades through {@link #show}. */
    GradeBar(DocumentGrader onGrade) {
        setSpacing(0);
        setAlignment(Pos.CENTER_LEFT);
        var group = new ToggleGroup();
        buttons = List.of(new ToggleButton(LABELS[0]), new ToggleButton(LABELS[1]), new ToggleButton(LABELS[2]));
        for (int g = 0; g < 3; g++) {
            ToggleButton b = buttons.get(g);
            int grade = g;
            b.setId("grade-" + g);
            b.setToggleGroup(group);
            b.getStyleClass().add(PILLS[g]);
            b.setTooltip(new Tooltip("Grade the document " + grade + ", " + MEANINGS[grade] + " (key " + grade + ")"));
            b.setFocusTraversable(false);
            // a grade's label is its meaning: a narrow panel must not cut it ("0 Not rel…" was seen)
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            b.setOnAction(e -> {
                if (updating) {
                    return;
                }
                String doc = documentId.get();
                if (doc != null) {
                    onGrade.grade(doc, grade);
                }
                show(doc == null ? OptionalInt.empty() : OptionalInt.of(grade));
            });
            getChildren().add(b);
        }
        setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        disableProperty().bind(documentId.isNull());
    }

    /** How a bar hands a grade on. */
    @FunctionalInterface
    interface DocumentGrader {
        void grade(String documentId, int grade);
    }

    /** The document the buttons grade (the selected hit's); null disables them. */
    public ObjectProperty<String> documentIdProperty() {
        return documentId;
    }

    /** Shows {@code grade} as the selected button (none when empty). */
    void show(OptionalInt grade) {
        updating = true;
        try {
            for (int g = 0; g < 3; g++) {
                buttons.get(g).setSelected(grade.isPresent() && grade.getAsInt() == g);
            }
        } finally {
            updating = false;
        }
    }

    /** Grades the selected hit's document ({@code documentId}) with the keys 0, 1 and 2 typed in {@code target}. */
    public static void installKeys(Node target, GradingModel model, Supplier<String> documentId) {
        installKeys(target, grade -> {
            String doc = documentId.get();
            if (doc != null) {
                model.grade(doc, grade);
            }
        });
    }

    /** Calls {@code onGrade} with 0, 1 or 2 when that key (or its keypad twin) is typed in {@code target}. */
    static void installKeys(Node target, IntConsumer onGrade) {
        target.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            int grade = gradeOf(e.getCode());
            if (grade >= 0 && !e.isShortcutDown() && !e.isAltDown()
                && !(e.getTarget() instanceof javafx.scene.control.TextInputControl t && t.isEditable())) {
                onGrade.accept(grade);
                e.consume();
            }
        });
    }

    static int gradeOf(KeyCode code) {
        return switch (code) {
            case DIGIT0, NUMPAD0 -> 0;
            case DIGIT1, NUMPAD1 -> 1;
            case DIGIT2, NUMPAD2 -> 2;
            default -> -1;
        };
    }

    private static OptionalInt grade(GradingModel model, String doc) {
        Integer g = doc == null ? null : model.grades().get(doc);
        return g == null ? OptionalInt.empty() : OptionalInt.of(g);
    }
}
