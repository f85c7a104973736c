package dev.ragworkbench.progress;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottledProgressTest {

    private final List<String> seen = new ArrayList<>();
    private final ProgressListener target = new ProgressListener() {
        @Override
        public void progress(String stage, long done, long total) {
            seen.add(stage + " " + done + "/" + total);
        }

        @Override
        public void note(String message) {
            seen.add("note " + message);
        }
    };

    @Test
    void passesOnAStagesFirstAndLastStepAndNothingInBetweenWithinTheInterval() {
        var throttled = new ThrottledProgress(target, Duration.ofHours(1));

        for (int i = 0; i <= 1000; i++) {
            throttled.progress("import", i, 1000);
        }

        assertThat(seen).containsExactly("import 0/1000", "import 1000/1000");
    }

    @Test
    void aNewStageAndNotesPassAtOnce() {
        var throttled = new ThrottledProgress(target, Duration.ofHours(1));

        throttled.progress("import", 0, 10);
        throttled.progress("import", 1, 10);
        throttled.note("skipped broken.xyz: not a supported type");
        throttled.progress("counting tokens", 1, 10);
        throttled.progress("counting tokens", 2, 10);

        assertThat(seen).containsExactly("import 0/10", "note skipped broken.xyz: not a supported type",
                "counting tokens 1/10");
    }

    @Test
    void passesStepsOnOncePerInterval() throws InterruptedException {
        var throttled = new ThrottledProgress(target, Duration.ofMillis(20));

        throttled.progress("import", 0, 100);
        throttled.progress("import", 1, 100);
        Thread.sleep(40);
        throttled.progress("import", 2, 100);
        throttled.progress("import", 3, 100);

        assertThat(seen).containsExactly("import 0/100", "import 2/100");
    }

    @Test
    void anUnknownTotalIsThrottledToo() {
        var throttled = new ThrottledProgress(target, Duration.ofHours(1));

        for (int i = 0; i < 50; i++) {
            throttled.progress("import", i, -1);
        }

        assertThat(seen).containsExactly("import 0/-1");
    }
}
