package dev.ragworkbench.embedding.adapter;

/** Hears the curves as training goes: a loss per step, a validation score per epoch (epoch 0 = the base). */
public interface TrainingListener {

    void step(long step, int epoch, double loss);

    void epoch(int epoch, double validationNdcg10, boolean best);

    TrainingListener NONE = new TrainingListener() {
        @Override
        public void step(long step, int epoch, double loss) {
        }

        @Override
        public void epoch(int epoch, double validationNdcg10, boolean best) {
        }
    };
}
