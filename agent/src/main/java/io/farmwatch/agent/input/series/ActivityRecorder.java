package io.farmwatch.agent.input.series;

import io.farmwatch.agent.input.source.InputEvent;
import io.farmwatch.protocol.report.InputActivity;
import io.farmwatch.protocol.report.InputMinute;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Aggregates input events into per-minute counts (active seconds, key, pointer and synthetic
 * events) and keeps the recent event times the analyses need. Bounded in memory whatever the
 * input rate.
 */
public final class ActivityRecorder implements Consumer<InputEvent> {

  static final int MAX_RECENT_EVENTS = 20_000;

  private static final class Minute {
    final BitSet seconds = new BitSet(60);
    int keys;
    int pointer;
    int synthetic;
  }

  /** A minute a session helper counted, kept apart so a minute sent twice replaces, not adds. */
  private record HelperMinute(long secondsMask, int keys, int pointer, int synthetic, String user) {}

  private final int keepMinutes;
  private final TreeMap<Long, Minute> minutes = new TreeMap<>();
  private final ArrayDeque<InputEvent> recent = new ArrayDeque<>();
  private final int[] hourly = new int[24];
  private final TreeSet<Long> remoteSessionMinutes = new TreeSet<>();
  private final TreeMap<Long, HelperMinute> helperMinutes = new TreeMap<>();
  private long lastHourlyMinute = -1;

  /** @param keepMinutes how much per-minute history to keep (and report) */
  public ActivityRecorder(int keepMinutes) {
    this.keepMinutes = keepMinutes;
  }

  @Override
  public synchronized void accept(InputEvent e) {
    long minute = e.epochMillis() / 60_000;
    Minute m = minutes.computeIfAbsent(minute, k -> new Minute());
    if (m.seconds.isEmpty() && minute != lastHourlyMinute) {
      hourly[(int) ((minute / 60) % 24)]++;
      lastHourlyMinute = minute;
    }
    m.seconds.set((int) ((e.epochMillis() / 1000) % 60));
    if (e.kind() == InputEvent.Kind.KEY) {
      m.keys++;
    } else {
      m.pointer++;
    }
    if (e.synthetic()) {
      m.synthetic++;
    }
    recent.addLast(e);
    while (recent.size() > MAX_RECENT_EVENTS) {
      recent.removeFirst();
    }
    while (!minutes.isEmpty() && minutes.firstKey() < minute - keepMinutes) {
      minutes.pollFirstEntry();
    }
  }

  /**
   * Takes one minute a session helper counted in a user's session. Its seconds join the service's
   * own, its counts add to them; a minute sent again replaces what that minute's helper sent before.
   *
   * @param secondsMask bit {@code i} set when second {@code i} of the minute had input
   * @param user the session's user, as the service authenticated the helper
   */
  public synchronized void acceptSessionMinute(
      long epochMinute, long secondsMask, int keys, int pointer, int synthetic, String user) {
    Minute own = minutes.get(epochMinute);
    boolean wasActive = (own != null && !own.seconds.isEmpty())
        || (helperMinutes.containsKey(epochMinute) && helperMinutes.get(epochMinute).secondsMask() != 0);
    if (!wasActive && secondsMask != 0) {
      hourly[(int) ((epochMinute / 60) % 24)]++;
    }
    helperMinutes.put(epochMinute, new HelperMinute(secondsMask, keys, pointer, synthetic, user));
    while (helperMinutes.firstKey() < helperMinutes.lastKey() - keepMinutes) {
      helperMinutes.pollFirstEntry();
    }
  }

  /**
   * Marks an epoch minute in which a remote-access session was open. Marks older than
   * {@code keepMarksMinutes} before the newest are dropped, so a session open for weeks costs
   * no more than one open for an hour.
   */
  public synchronized void markRemoteSession(long epochMinute, int keepMarksMinutes) {
    remoteSessionMinutes.add(epochMinute);
    long oldest = remoteSessionMinutes.last() - Math.max(keepMinutes, keepMarksMinutes);
    while (remoteSessionMinutes.first() < oldest) {
      remoteSessionMinutes.pollFirst();
    }
  }

  /** The marked minutes still kept. */
  public synchronized Set<Long> remoteSessionMinutes() {
    return Set.copyOf(remoteSessionMinutes);
  }

  /**
   * The last {@code keepMinutes} minutes up to {@code now}, one entry per minute, idle ones as
   * zeros, each flagged when a remote-access session was marked open in it.
   */
  public synchronized InputActivity series(String source, Instant now) {
    long last = now.toEpochMilli() / 60_000;
    long first = last - keepMinutes + 1;
    List<InputMinute> out = new ArrayList<>(keepMinutes);
    String sessionUser = null;
    for (long minute = first; minute <= last; minute++) {
      Minute m = minutes.get(minute);
      HelperMinute h = helperMinutes.get(minute);
      boolean remote = remoteSessionMinutes.contains(minute);
      long seconds = m == null || m.seconds.isEmpty() ? 0 : m.seconds.toLongArray()[0];
      int keys = m == null ? 0 : m.keys;
      int pointer = m == null ? 0 : m.pointer;
      int synthetic = m == null ? 0 : m.synthetic;
      if (h != null) {
        seconds |= h.secondsMask();
        keys += h.keys();
        pointer += h.pointer();
        synthetic += h.synthetic();
        sessionUser = h.user();
      }
      out.add(new InputMinute(Long.bitCount(seconds), keys, pointer, synthetic, remote));
    }
    int[] hours = hourly.clone();
    return new InputActivity(source, Instant.ofEpochSecond(first * 60), out,
        java.util.Arrays.stream(hours).boxed().toList(), sessionUser);
  }

  /**
   * Whether a session helper sent a minute of the series up to {@code now}: once a session's minutes
   * are older than the series, nothing of that session is left to report.
   */
  public synchronized boolean hasSessionMinutes(Instant now) {
    return !helperMinutes.isEmpty() && helperMinutes.lastKey() > now.toEpochMilli() / 60_000 - keepMinutes;
  }

  /** Events of the last {@code windowMillis} before {@code nowMillis}, oldest first. */
  public synchronized List<InputEvent> recent(long nowMillis, long windowMillis) {
    return recent.stream().filter(e -> e.epochMillis() > nowMillis - windowMillis).toList();
  }
}
