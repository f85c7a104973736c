package dev.ragworkbench.cli;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.evaluation.EvalSetFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --evalset NAME}, as a command that mixes it in parses and resolves it. */
class EvalSetOptionTest {

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        EvalSetOption evalSet;
    }

    @TempDir
    Path dir;

    @Test
    void resolvesAStoredSetByNameAndSaysWhenThereIsNone() throws Exception {
        Path topics = Files.writeString(dir.resolve("t.tsv"), "q1\tfirst\nq2\tsecond\n");
        Path qrels = Files.writeString(dir.resolve("t.qrels"), "q1 0 d1 1\n");
        try (var bench = Workbench.open(dir.resolve("ws"))) {
            bench.evalSets().importFiles("tiny", new EvalSetFiles.Trec(topics, qrels), null);

            var probe = new Probe();
            new CommandLine(probe).parseArgs("--evalset", "tiny");
            assertThat(probe.evalSet.isSet()).isTrue();
            assertThat(probe.evalSet.resolve(bench).queries()).containsOnlyKeys("q1");

            var none = new Probe();
            new CommandLine(none).parseArgs();
            assertThat(none.evalSet.isSet()).isFalse();
            assertThatThrownBy(() -> none.evalSet.resolve(bench)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("--evalset NAME");

            var unknown = new Probe();
            new CommandLine(unknown).parseArgs("--evalset", "other");
            assertThatThrownBy(() -> unknown.evalSet.resolve(bench)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("no eval set called other");
        }
    }
}
