package io.farmwatch.agent.helper;

import io.farmwatch.agent.input.source.InputSource;
import io.farmwatch.agent.input.source.SourceUnavailableException;
import io.farmwatch.agent.retry.Backoff;
import io.farmwatch.protocol.report.LocaleInfo;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session helper's loop, the same on every platform: samples the session's input, connects to
 * the service (again after a backoff whenever the connection fails or is refused) and sends the
 * changed minutes at most every {@link #SEND_SPACING}, which keeps it within the service's
 * {@link SessionLimits#MAX_MESSAGES_PER_MINUTE}.
 */
public final class SessionHelper implements AutoCloseable {

  /** Least time between two messages: input shows up at the service within this. */
  public static final Duration SEND_SPACING = Duration.ofSeconds(30);
  private static final Duration TICK = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(SessionHelper.class);

  private final InputSource source;
  private final SessionConnector connector;
  private final Supplier<LocaleInfo> locale;
  private final Clock clock;
  private final Backoff backoff;
  private final MinuteCounter counter = new MinuteCounter();
  private volatile boolean running = true;

  /**
   * @param locale the session's keyboard layouts and input methods, asked again for each message
   */
  public SessionHelper(InputSource source, SessionConnector connector, Supplier<LocaleInfo> locale, Clock clock,
      Backoff backoff) {
    this.source = source;
    this.connector = connector;
    this.locale = locale;
    this.clock = clock;
    this.backoff = backoff;
  }

  /**
   * Starts the source, then connects and sends until {@link #close()}; when the source cannot
   * sample here, tells the service why once and returns, and so when another helper of the user
   * is connected already.
   *
   * @return why it stopped on its own ({@code unavailable: ...}, {@code stopped: ...}), or null when closed
   */
  public String run() throws InterruptedException {
    String unavailable = null;
    try {
      source.start(counter);
    } catch (SourceUnavailableException e) {
      unavailable = e.getMessage();
      LOG.warn("unavailable: {}", unavailable);
    }
    SessionChannel channel = null;
    long lastSend = Long.MIN_VALUE / 2;
    try {
      while (running) {
        if (channel == null) {
          try {
            channel = connector.connect();
            backoff.reset();
            LOG.info("connected to the service");
          } catch (SessionRefusedException e) {
            if (e.refusal() == Refusal.ALREADY_CONNECTED) {
              // Both the XDG autostart entry and the user unit started a helper: one is enough.
              return "stopped: " + e.getMessage();
            }
            retryAfterBackoff(e);
            continue;
          } catch (IOException e) {
            retryAfterBackoff(e);
            continue;
          }
        }
        long now = clock.millis();
        boolean due = unavailable != null || counter.hasChanges();
        if (due && now - lastSend >= SEND_SPACING.toMillis()) {
          List<SessionMinute> minutes = counter.take(Math.floorDiv(now, 60_000L));
          try {
            channel.send(message(minutes, unavailable));
            lastSend = now;
            if (unavailable != null) {
              break; // the service knows why there is nothing to count; the helper has nothing more to do
            }
          } catch (IOException e) {
            counter.putBack(minutes);
            LOG.warn("lost the service ({}); reconnecting", e.getMessage());
            channel.close();
            channel = null;
            continue;
          }
        }
        sleep(TICK);
      }
    } finally {
      if (channel != null) {
        channel.close();
      }
      source.close();
    }
    return unavailable == null ? null : "unavailable: " + unavailable;
  }

  private void retryAfterBackoff(Exception e) throws InterruptedException {
    Duration wait = backoff.next();
    LOG.warn("cannot reach the service ({}); again in {} s", e.getMessage(), wait.toSeconds());
    sleep(wait);
  }

  private SessionMessage message(List<SessionMinute> minutes, String unavailable) {
    LocaleInfo l = locale.get();
    return new SessionMessage(SessionLimits.VERSION, source.name(), minutes,
        names(l == null ? null : l.keyboardLayouts()), names(l == null ? null : l.inputMethods()),
        unavailable == null ? null : clip(unavailable, SessionLimits.MAX_REASON_CHARS));
  }

  /** At most {@link SessionLimits#MAX_NAMES} names, each clipped: the service refuses more. */
  private static List<String> names(List<String> names) {
    if (names == null) {
      return List.of();
    }
    return names.stream().filter(n -> n != null && !n.isBlank()).limit(SessionLimits.MAX_NAMES)
        .map(n -> clip(n, SessionLimits.MAX_NAME_CHARS)).toList();
  }

  private static String clip(String s, int chars) {
    String clean = s.replaceAll("\\p{Cntrl}", " ");
    return clean.length() <= chars ? clean : clean.substring(0, chars);
  }

  private void sleep(Duration d) throws InterruptedException {
    long until = System.nanoTime() + d.toNanos();
    while (running && System.nanoTime() < until) {
      Thread.sleep(Math.min(TICK.toMillis(), Math.max(1, (until - System.nanoTime()) / 1_000_000)));
    }
  }

  @Override
  public void close() {
    running = false;
  }
}
