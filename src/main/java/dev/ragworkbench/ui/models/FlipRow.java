package dev.ragworkbench.ui.models;

/** An item that flipped on a pass/fail metric between the base (first) model and {@code model}. */
public record FlipRow(String itemId, String model, String metric, boolean rightToWrong) {

    public String label() {
        return itemId + " · " + model + (rightToWrong ? " right → wrong" : " wrong → right") + " (" + metric + ")";
    }
}
