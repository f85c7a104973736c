package dev.ragworkbench.ui.retrieval;

import dev.ragworkbench.retrieval.RetrieverKind;
import dev.ragworkbench.retrieval.RetrieverSpec;
import dev.ragworkbench.retrieval.compare.Column;
import dev.ragworkbench.retrieval.compare.ColumnResult;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One column's settings as form values (index, retriever kind and its parameters, an optional reranker, top N)
 * and what it last found. The settings become a {@link RetrieverSpec} by its string form, so a spec with a
 * reranker ({@code …+rerank:embedder=…,depth=50}) is the same string here as on the command line.
 */
public final class ColumnViewModel {

    /** Bounds of the form controls: what RetrieverSpec accepts, narrowed to what is sensible to try. */
    public static final double K1_MAX = 3.0;
    public static final int RRF_K_MAX = 1000;
    public static final int DEPTH_MAX = 1000;
    public static final int TOP_MAX = 100;

    private final RetrievalViewModel parent;
    private final ObjectProperty<String> index = new SimpleObjectProperty<>();
    private final ObjectProperty<RetrieverKind> kind = new SimpleObjectProperty<>(RetrieverKind.BM25);
    private final DoubleProperty k1 = new SimpleDoubleProperty(0.9);
    private final DoubleProperty b = new SimpleDoubleProperty(0.4);
    private final BooleanProperty exact = new SimpleBooleanProperty(false);
    private final IntegerProperty rrfK = new SimpleIntegerProperty(60);
    private final IntegerProperty depth = new SimpleIntegerProperty(100);
    private final DoubleProperty alpha = new SimpleDoubleProperty(0.5);
    private final StringProperty rerank = new SimpleStringProperty("");
    /** The run id of an embedding adapter on the query vectors (a retriever that uses vectors only), or null. */
    private final ObjectProperty<String> adapter = new SimpleObjectProperty<>();
    private final IntegerProperty top = new SimpleIntegerProperty(Column.DEFAULT_TOP);
    private final ReadOnlyObjectWrapper<ColumnResult> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper queryMetrics = new ReadOnlyStringWrapper("");
    private final RerankForm rerankForm;
    private boolean loading;

    ColumnViewModel(RetrievalViewModel parent, Column column) {
        this.parent = parent;
        load(column);
        rerankForm = new RerankForm(this, rerank);
        for (Observable p : new Observable[] {index, kind, k1, b, exact, rrfK, depth, alpha, rerank, top, adapter}) {
            p.addListener(o -> {
                if (!loading) {
                    parent.columnChanged(this);
                }
            });
        }
    }

    /** Sets the form from {@code column} without a search per field. */
    void load(Column column) {
        loading = true;
        try {
            index.set(column.index());
            RetrieverSpec spec = column.retriever();
            kind.set(spec.kind());
            var p = spec.params();
            k1.set(number(p.get("k1"), 0.9));
            b.set(number(p.get("b"), 0.4));
            exact.set(Boolean.parseBoolean(p.getOrDefault("exact", "false")));
            rrfK.set((int) number(p.get("k"), 60));
            depth.set((int) number(p.get("depth"), 100));
            alpha.set(number(p.get("alpha"), 0.5));
            String text = spec.toString();
            int at = text.indexOf(RERANK);
            rerank.set(at < 0 ? "" : text.substring(at + RERANK.length()));
            top.set(column.top());
            adapter.set(column.adapter());
        } finally {
            loading = false;
        }
    }

    private static final String RERANK = "+rerank:";

    private static double number(String s, double otherwise) {
        return s == null ? otherwise : Double.parseDouble(s);
    }

    /** The spec text of the form, e.g. {@code bm25:k1=1.2,b=0.75}; parsed by {@link RetrieverSpec#parse}. */
    public String specText() {
        RetrieverKind k = kind.get() == null ? RetrieverKind.BM25 : kind.get();
        String base = switch (k) {
            case BM25 -> "bm25:k1=" + dec(k1.get()) + ",b=" + dec(b.get());
            case DENSE -> "dense:exact=" + exact.get();
            case HYBRID_RRF -> "hybrid-rrf:k=" + rrfK.get() + ",depth=" + depth.get();
            case HYBRID_WEIGHTED -> "hybrid-weighted:alpha=" + dec(alpha.get()) + ",depth=" + depth.get();
        };
        String r = rerank.get() == null ? "" : rerank.get().strip();
        return r.isEmpty() ? base : base + RERANK + r;
    }

    /** Two decimals at most, trailing zeros gone: a spinner's 0.9500000001 is 0.95. */
    static String dec(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** The column the form describes; throws {@link IllegalArgumentException} saying what is wrong. */
    public Column column() {
        RetrieverSpec spec = RetrieverSpec.parse(specText());
        return new Column(index.get(), spec, Math.max(1, top.get()), spec.kind().needsVectors() ? adapter.get() : null);
    }

    /** The column, or null with the reason in {@link #errorProperty()}. */
    Column validColumn() {
        try {
            Column c = column();
            if (c.retriever().kind().needsVectors() && !parent.hasVectors(c.index())) {
                error.set(c.retriever().kind().id() + " needs an index built with an embedder; "
                          + (c.index() == null ? "the latest index" : c.index()) + " has none");
                return null;
            }
            error.set("");
            return c;
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return null;
        }
    }

    /** {@link #validColumn()}, or {@code otherwise} when the form is not valid. */
    Column validColumnOr(Column otherwise) {
        Column c = validColumn();
        return c == null ? otherwise : c;
    }

    void setResult(ColumnResult r) {
        result.set(r);
    }

    void setError(String message) {
        error.set(message == null ? "" : message);
    }

    void setQueryMetrics(String text) {
        queryMetrics.set(text == null ? "" : text);
    }

    public void remove() {
        parent.removeColumn(this);
    }

    public void moveLeft() {
        parent.moveColumn(this, -1);
    }

    public void moveRight() {
        parent.moveColumn(this, 1);
    }

    public RetrievalViewModel parent() {
        return parent;
    }

    // ---- state

    public ObjectProperty<String> indexProperty() {
        return index;
    }

    public ObjectProperty<RetrieverKind> kindProperty() {
        return kind;
    }

    public DoubleProperty k1Property() {
        return k1;
    }

    public DoubleProperty bProperty() {
        return b;
    }

    public BooleanProperty exactProperty() {
        return exact;
    }

    public IntegerProperty rrfKProperty() {
        return rrfK;
    }

    public IntegerProperty depthProperty() {
        return depth;
    }

    public DoubleProperty alphaProperty() {
        return alpha;
    }

    /** The reranker's params after {@code +rerank:}, e.g. {@code embedder=bge-small-en-v1.5-q,depth=50}; empty: none. */
    public StringProperty rerankProperty() {
        return rerank;
    }

    public ObjectProperty<String> adapterProperty() {
        return adapter;
    }

    /** The reranker as form values, kept in step with {@link #rerankProperty()}. */
    public RerankForm rerankForm() {
        return rerankForm;
    }

    public IntegerProperty topProperty() {
        return top;
    }

    public ReadOnlyObjectProperty<ColumnResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** This query's metrics when it was opened from an eval-set run, e.g. {@code ndcg@10 0.631}; else empty. */
    public ReadOnlyStringProperty queryMetricsProperty() {
        return queryMetrics.getReadOnlyProperty();
    }
}
