package dev.ragworkbench.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class LogbackSetupTest {

    @TempDir
    Path dir;

    @Test
    void anInstalledAppLogsToItsFileWithTheLevelsOfTheSetUp() throws Exception {
        var context = context();
        LogbackSetup.apply(context, dir);
        var ours = context.getLogger("dev.ragworkbench.x");
        ours.info("not written: our code logs at WARN by default");
        ours.warn("written to the file");
        context.getLogger("org.apache.lucene.internal.vectorization.VectorizationProvider").info("vector API used");
        context.getLogger("ai.djl.util.cuda.CudaUtils").warn("no CUDA");
        assertThat(context.getLogger("ROOT").getLevel()).isEqualTo(Level.WARN);
        context.stop();

        String log = Files.readString(dir.resolve("rag-workbench.log"));
        assertThat(log).contains("WARN  dev.ragworkbench.x - written to the file")
                .contains("vector API used")
                .doesNotContain("not written")
                .doesNotContain("no CUDA")
                .matches("(?s)\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[[^]]+] WARN .*");
    }

    @Test
    void aRunFromTheBuildFolderWritesNoFile() {
        var context = context();
        LogbackSetup.apply(context, null);
        context.getLogger("dev.ragworkbench.x").error("to stderr only");
        assertThat(context.getLogger("ROOT").getAppender("STDERR")).isNotNull();
        assertThat(context.getLogger("ROOT").getAppender("FILE")).isNull();
        context.stop();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void theTerminalIsSparedLucenesVectorApiLineButNotItsWarnings() {
        var context = context();
        LogbackSetup.apply(context, dir);
        var console = (ch.qos.logback.core.ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>)
                context.getLogger("ROOT").getAppender("STDERR");
        var lucene = context.getLogger("org.apache.lucene.internal.vectorization.VectorizationProvider");
        var info = new ch.qos.logback.classic.spi.LoggingEvent("x", lucene, Level.INFO, "vector API used", null, null);
        var warn = new ch.qos.logback.classic.spi.LoggingEvent("x", lucene, Level.WARN, "no vector API", null, null);
        var ours = new ch.qos.logback.classic.spi.LoggingEvent("x", context.getLogger("dev.ragworkbench.x"),
                Level.INFO, "ours", null, null);
        assertThat(console.getFilterChainDecision(info)).isEqualTo(ch.qos.logback.core.spi.FilterReply.DENY);
        assertThat(console.getFilterChainDecision(warn)).isEqualTo(ch.qos.logback.core.spi.FilterReply.NEUTRAL);
        assertThat(console.getFilterChainDecision(ours)).isEqualTo(ch.qos.logback.core.spi.FilterReply.NEUTRAL);
        context.stop();
    }

    @Test
    void logbackFindsTheSetUpAndLeavesTheTestsTheirXml() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .contains(LogbackSetup.class);
        // logback-test.xml is on the test class path: the set-up steps aside for it
        assertThat(new LogbackSetup().configure(new LoggerContext()))
                .isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
    }

    /** A context as SLF4J's logback provider makes one. */
    private static LoggerContext context() {
        var context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        return context;
    }
}
