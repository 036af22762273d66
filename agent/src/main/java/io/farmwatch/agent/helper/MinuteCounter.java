package io.farmwatch.agent.helper;

import io.farmwatch.agent.input.source.InputEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The helper's side of the counts: input events into per-minute counts, and which minutes changed
 * since they were last taken for sending. The current minute is taken as often as it changes, each
 * time with its counts so far, because the service replaces a minute it already has. Holds at most
 * {@link SessionLimits#MAX_MINUTES_PER_MESSAGE} minutes, the oldest dropped first.
 */
public final class MinuteCounter implements Consumer<InputEvent> {

  private static final class Counts {
    long seconds;
    int keys;
    int pointer;
    int injected;
    boolean changed;

    SessionMinute minute(long epochMinute) {
      return new SessionMinute(epochMinute, seconds, keys, pointer, injected);
    }
  }

  private final TreeMap<Long, Counts> minutes = new TreeMap<>();

  @Override
  public synchronized void accept(InputEvent e) {
    long minute = Math.floorDiv(e.epochMillis(), 60_000L);
    Counts c = minutes.computeIfAbsent(minute, k -> new Counts());
    c.seconds |= 1L << (int) Math.floorMod(e.epochMillis() / 1000, 60L);
    if (e.kind() == InputEvent.Kind.KEY) {
      c.keys = saturated(c.keys);
    } else {
      c.pointer = saturated(c.pointer);
    }
    if (e.synthetic()) {
      c.injected = saturated(c.injected);
    }
    c.changed = true;
    while (minutes.size() > SessionLimits.MAX_MINUTES_PER_MESSAGE) {
      minutes.pollFirstEntry();
    }
  }

  private static int saturated(int count) {
    return Math.min(count + 1, SessionLimits.MAX_EVENTS_PER_MINUTE);
  }

  /** Whether any minute changed since it was last taken. */
  public synchronized boolean hasChanges() {
    return minutes.values().stream().anyMatch(c -> c.changed);
  }

  /**
   * The minutes that changed since they were last taken, oldest first; minutes before
   * {@code nowMinute} are complete and forgotten once taken.
   */
  public synchronized List<SessionMinute> take(long nowMinute) {
    List<SessionMinute> out = new ArrayList<>();
    var it = minutes.entrySet().iterator();
    while (it.hasNext()) {
      var entry = it.next();
      if (entry.getValue().changed) {
        out.add(entry.getValue().minute(entry.getKey()));
        entry.getValue().changed = false;
      }
      if (entry.getKey() < nowMinute) {
        it.remove();
      }
    }
    return out;
  }

  /** Gives back minutes whose sending failed, so they go with the next message. */
  public synchronized void putBack(List<SessionMinute> unsent) {
    for (SessionMinute m : unsent) {
      Counts c = minutes.get(m.epochMinute());
      if (c == null) {
        c = new Counts();
        minutes.put(m.epochMinute(), c);
        c.seconds = m.activeSecondsMask();
        c.keys = m.keyEvents();
        c.pointer = m.pointerEvents();
        c.injected = m.injectedEvents();
      }
      c.changed = true;
    }
    while (minutes.size() > SessionLimits.MAX_MINUTES_PER_MESSAGE) {
      minutes.pollFirstEntry();
    }
  }
}
