package dev.ragworkbench.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import org.slf4j.Logger;

import java.nio.file.Path;

/**
 * The app's logging set-up, in code rather than in a {@code logback.xml}: logback's XML reader took a third to half
 * a second of every start, the window's included. Logback finds this class through {@code META-INF/services}.
 * <ul>
 *     <li>stderr, never stdout: the command line prints results there, and logs must not mix with a table or
 *     JSON. {@code dev.ragworkbench} logs at WARN unless {@code -Dragworkbench.log.level} says otherwise; Lucene's
 *     word on whether it uses the vector API is worth seeing (INFO); DJL's CUDA probe is not (ERROR).</li>
 *     <li>An installed app (its launcher sets {@code -Dragworkbench.installed=true}) has no terminal for stderr, so
 *     it also writes {@code rag-workbench.log} in the OS's log folder ({@link LogLocation}), 10 MB times 3.</li>
 * </ul>
 * A {@code logback-test.xml} on the class path (the tests) or {@code -Dlogback.configurationFile} wins over this.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogbackSetup extends ContextAwareBase implements Configurator {

    private static final String LUCENE_VECTORS = "org.apache.lucene.internal.vectorization";
    static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";
    static final String FILE_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} [%thread] %-5level %logger{30} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
            || LogbackSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context, Boolean.getBoolean("ragworkbench.installed") ? LogLocation.current() : null);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up {@code context}: stderr, and {@code rag-workbench.log} in {@code logDir} unless it is null. */
    static void apply(LoggerContext context, Path logDir) {
        var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        var console = new ConsoleAppender<ILoggingEvent>();
        console.setTarget("System.err");
        // Lucene says at INFO whether it uses the vector API: worth a line in the log file, not on the terminal
        // at every command.
        var quietLucene = new ch.qos.logback.core.filter.Filter<ILoggingEvent>() {
            @Override
            public ch.qos.logback.core.spi.FilterReply decide(ILoggingEvent event) {
                return event.getLoggerName().startsWith(LUCENE_VECTORS) && !event.getLevel().isGreaterOrEqual(Level.WARN)
                        ? ch.qos.logback.core.spi.FilterReply.DENY : ch.qos.logback.core.spi.FilterReply.NEUTRAL;
            }
        };
        quietLucene.setContext(context);
        quietLucene.start();
        console.addFilter(quietLucene);
        start(context, console, "STDERR", CONSOLE_PATTERN);
        root.addAppender(console);
        if (logDir != null) {
            root.addAppender(fileAppender(context, logDir));
        }
        context.getLogger("dev.ragworkbench")
                .setLevel(Level.toLevel(System.getProperty("ragworkbench.log.level", "WARN"), Level.WARN));
        context.getLogger(LUCENE_VECTORS).setLevel(Level.INFO);
        context.getLogger("ai.djl.util.cuda").setLevel(Level.ERROR);
    }

    private static RollingFileAppender<ILoggingEvent> fileAppender(LoggerContext context, Path dir) {
        var file = new RollingFileAppender<ILoggingEvent>();
        file.setContext(context);
        file.setFile(dir.resolve("rag-workbench.log").toString());
        var rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(dir.resolve("rag-workbench.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(3);
        rolling.start();
        var trigger = new SizeBasedTriggeringPolicy<ILoggingEvent>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("10MB"));
        trigger.start();
        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(trigger);
        start(context, file, "FILE", FILE_PATTERN);
        return file;
    }

    private static void start(LoggerContext context, OutputStreamAppender<ILoggingEvent> appender, String name,
                              String pattern) {
        var encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.start();
    }
}
