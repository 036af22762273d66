package io.farmwatch.agent.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentLoggingTest {

  @TempDir Path dir;

  @Test
  void theServiceLogHasOneLinePerEventWithTimeLevelThreadLoggerAndMessage() throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    AgentLogging.toRollingFile(context, dir, Level.INFO);
    context.getLogger("io.farmwatch.agent.runtime.schedule.Courier").info("report {} delivered", 11);
    context.getLogger("io.farmwatch.agent.X").debug("not at INFO");
    context.getLogger("org.library.Chatty").info("libraries log at WARN only");
    context.stop();

    String log = Files.readString(dir.resolve(AgentLogging.LOG_FILE));
    assertThat(log).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  \\["
        + Thread.currentThread().getName() + "\\] Courier - report 11 delivered" + System.lineSeparator());
  }

  @Test
  void timesCarryTheZoneOffsetLevelsArePaddedAndStackTracesFollow() {
    TimeZone before = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
    try {
      LoggerContext context = new LoggerContext();
      LineLayout layout = new LineLayout();
      layout.setContext(context);
      layout.start();
      Logger logger = context.getLogger("io.farmwatch.Some");
      LoggingEvent event = new LoggingEvent("x", logger, Level.WARN, "cannot reach {}", new java.io.IOException("refused"),
          new Object[] {"collector"});
      event.setThreadName("main");
      event.setTimeStamp(ZonedDateTime.of(2026, 1, 2, 3, 4, 5, 6_000_000, ZoneId.of("UTC")).toInstant().toEpochMilli());

      String line = layout.doLayout(event);

      assertThat(line).startsWith("2026-01-02T04:04:05.006+01:00 WARN  [main] Some - cannot reach collector"
          + System.lineSeparator() + "java.io.IOException: refused");
      assertThat(line).contains("\tat io.farmwatch.agent.runtime.logging.AgentLoggingTest").endsWith(System.lineSeparator());
    } finally {
      TimeZone.setDefault(before);
    }
  }

  @Test
  void rollingShiftsNumberedFilesAndDropsTheOldestBeyondTheKeptCount() throws Exception {
    Path log = dir.resolve("a.log");
    Files.writeString(log, "current");
    for (int i = 1; i <= 3; i++) {
      Files.writeString(dir.resolve("a.log." + i), "old " + i);
    }
    NumberedRolling rolling = new NumberedRolling(log, 3);

    rolling.rollover();

    assertThat(log).doesNotExist();
    assertThat(dir.resolve("a.log.1")).hasContent("current");
    assertThat(dir.resolve("a.log.2")).hasContent("old 1");
    assertThat(dir.resolve("a.log.3")).hasContent("old 2");
    assertThat(dir.resolve("a.log.4")).doesNotExist();
  }
}
