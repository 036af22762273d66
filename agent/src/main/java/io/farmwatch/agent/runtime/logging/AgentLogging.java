package io.farmwatch.agent.runtime.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Where the agent logs: stderr on the command line (stdout carries command output), a bounded
 * rolling file in service mode. Configured in code, not XML, to keep Joran's classes out of a
 * process that must stay small. Telemetry content is logged at DEBUG only.
 */
public final class AgentLogging {

  public static final String LOG_FILE = "farmwatch-agent.log";
  private static final FileSize MAX_FILE = FileSize.valueOf("10MB");
  private static final int KEPT_FILES = 5;

  private AgentLogging() {}

  /** Logs to stderr: farmwatch messages at {@code level}, libraries at WARN. */
  public static void toStderr(LoggerContext context, Level level) {
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setTarget("System.err");
    install(context, console, level);
  }

  /** Logs to {@code dir/farmwatch-agent.log}, rolled at 10 MB, five files kept. */
  public static void toRollingFile(LoggerContext context, Path dir, Level level) {
    RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
    file.setContext(context);
    file.setFile(dir.resolve(LOG_FILE).toString());
    NumberedRolling rolling = new NumberedRolling(dir.resolve(LOG_FILE), KEPT_FILES);
    rolling.setContext(context);
    rolling.start();
    SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
    trigger.setContext(context);
    trigger.setMaxFileSize(MAX_FILE);
    trigger.start();
    file.setRollingPolicy(rolling);
    file.setTriggeringPolicy(trigger);
    install(context, file, level);
  }

  /** Reconfigures the running logger context (the command line default is replaced). */
  public static LoggerContext context() {
    return (LoggerContext) LoggerFactory.getILoggerFactory();
  }

  private static void install(LoggerContext context, OutputStreamAppender<ILoggingEvent> appender, Level level) {
    context.reset();
    LineLayout layout = new LineLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    appender.setContext(context);
    appender.setName("agent");
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(appender);
    context.getLogger("io.farmwatch").setLevel(level);
  }
}
