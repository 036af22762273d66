package io.farmwatch.agent.session;

import io.farmwatch.agent.probe.SessionProbe;
import io.farmwatch.agent.probe.TcpSession;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.FindingKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the inbound remote-control sessions the detector found between collections: once a
 * minute it looks up the connections on the remote-control ports the last collection saw listening,
 * and only those ({@link SessionProbe}). What it learns:
 *
 * <ul>
 *   <li>every minute a session was open, for the input series: a connection seen at two looks is
 *       one TCP connection (the same two addresses and ports), so it was open in every minute
 *       between them; a session that opens and closes between two looks is not seen;
 *   <li>the smallest smoothed round trip the kernel reported for each session, for its finding.
 * </ul>
 */
public final class RemoteSessionWatch {

  /** Evidence key of the session's smallest smoothed round trip, microseconds. */
  public static final String RTT_EVIDENCE = "sessionRttMicros";
  /** Evidence key of how many looks measured it. */
  public static final String RTT_SAMPLES_EVIDENCE = "sessionRttSamples";
  static final int MAX_SESSIONS = 256;
  /** Minutes marked back to a session's previous look at most: the input series holds far fewer. */
  static final int MAX_BRIDGED_MINUTES = 24 * 60;

  private static final Logger LOG = LoggerFactory.getLogger(RemoteSessionWatch.class);
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

  private record Key(int localPort, InetAddress remote, int remotePort) {}

  private static final class Seen {
    long lastMinute;
    long minRttMicros = Long.MAX_VALUE;
    int samples;
  }

  private final SessionProbe probe;
  private final Clock clock;
  private final LongConsumer openMinutes;
  private final Map<Key, Seen> sessions = new HashMap<>();
  private Set<Integer> ports = Set.of();

  /** @param openMinutes told each epoch minute in which a session was open */
  public RemoteSessionWatch(SessionProbe probe, Clock clock, LongConsumer openMinutes) {
    this.probe = probe;
    this.clock = clock;
    this.openMinutes = openMinutes;
  }

  /**
   * At a collection: watches the remote-control listeners and sessions in {@code findings} from now
   * on, looks at them, and returns the findings with each inbound session's round trip added.
   */
  public synchronized List<Finding> observe(List<Finding> findings) {
    Set<Integer> watched = new TreeSet<>();
    long now = minute();
    for (Finding f : findings) {
      for (Map<String, Object> o : observations(f)) {
        Integer port = port(o.get("port"));
        if (port == null || watched.size() >= SessionProbe.MAX_PORTS) {
          continue;
        }
        if (isInboundSession(f, o)) {
          watched.add(port);
          // The detector itself saw it open now, whatever the look below finds.
          openMinutes.accept(now);
        } else if (f.kind() == FindingKind.REMOTE_ACCESS && !o.containsKey("remotePort")) {
          watched.add(port);
        }
      }
    }
    ports = Set.copyOf(watched);
    check();
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      out.add(f.kind() == FindingKind.REMOTE_SESSION
          ? new Finding(f.kind(), f.name(), f.severity(), withRoundTrips(f), f.reason()) : f);
    }
    return out;
  }

  /**
   * The finding's evidence with each followed session's round trip added to its observation. The
   * detector merges a tool's observations into an {@code observations} list when it has several.
   */
  private Map<String, Object> withRoundTrips(Finding f) {
    if (!(f.evidence().get("observations") instanceof List<?> list)) {
      return withRoundTrip(f, f.evidence());
    }
    List<Object> each = new ArrayList<>(list.size());
    for (Object o : list) {
      each.add(o instanceof Map<?, ?> m ? withRoundTrip(f, asEvidence(m)) : o);
    }
    Map<String, Object> evidence = new LinkedHashMap<>(f.evidence());
    evidence.put("observations", each);
    return evidence;
  }

  private Map<String, Object> withRoundTrip(Finding f, Map<String, Object> observation) {
    Seen seen = isInboundSession(f, observation) ? sessions.get(key(observation)) : null;
    if (seen == null || seen.samples == 0) {
      return observation;
    }
    Map<String, Object> evidence = new LinkedHashMap<>(observation);
    evidence.put(RTT_EVIDENCE, seen.minRttMicros);
    evidence.put(RTT_SAMPLES_EVIDENCE, seen.samples);
    return evidence;
  }

  /**
   * Looks once a minute, on a daemon thread, for as long as the service runs. A minute-aligned
   * schedule is not needed: a session seen at two looks is marked for every minute between them.
   */
  public void checkEveryMinute() {
    ScheduledExecutorService minutes = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "remote-session-watch");
      t.setDaemon(true);
      return t;
    });
    minutes.scheduleAtFixedRate(() -> {
      try {
        check();
      } catch (RuntimeException e) {
        // A task that throws is never run again; one bad look must not end the watch.
        LOG.warn("remote-session look failed", e);
      }
    }, 1, 1, TimeUnit.MINUTES);
  }

  /** One look at the watched ports; the service calls it once a minute. */
  public synchronized void check() {
    if (ports.isEmpty()) {
      sessions.clear();
      return;
    }
    List<TcpSession> open;
    try {
      open = probe.established(ports);
    } catch (IOException e) {
      // Sessions stay as they were: seen again at a later look, they were open in between.
      LOG.debug("remote-session look failed: {}", e.getMessage());
      return;
    }
    long now = minute();
    Map<Key, Seen> still = new HashMap<>();
    for (TcpSession s : open) {
      Key key = key(s.localPort(), s.remoteAddress(), s.remotePort());
      if (key == null || still.size() >= MAX_SESSIONS) {
        continue;
      }
      Seen seen = sessions.getOrDefault(key, new Seen());
      for (long m = seen.lastMinute == 0 ? now : Math.max(seen.lastMinute, now - MAX_BRIDGED_MINUTES); m <= now; m++) {
        openMinutes.accept(m);
      }
      seen.lastMinute = now;
      if (s.smoothedRttMicros() != null) {
        seen.minRttMicros = Math.min(seen.minRttMicros, s.smoothedRttMicros());
        seen.samples++;
      }
      still.put(key, seen);
    }
    sessions.clear();
    sessions.putAll(still);
  }

  /** How many sessions are being followed now. */
  public synchronized int sessions() {
    return sessions.size();
  }

  private static boolean isInboundSession(Finding f, Map<String, Object> observation) {
    return f.kind() == FindingKind.REMOTE_SESSION && observation.containsKey("remotePort")
        && observation.containsKey("remoteAddress");
  }

  private static List<Map<String, Object>> observations(Finding f) {
    if (!(f.evidence().get("observations") instanceof List<?> list)) {
      return List.of(f.evidence());
    }
    return list.stream().filter(Map.class::isInstance).map(o -> asEvidence((Map<?, ?>) o)).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asEvidence(Map<?, ?> m) {
    // Evidence maps are keyed by strings (Finding's type); the list only erased it.
    return (Map<String, Object>) m;
  }

  private static Key key(Map<String, Object> evidence) {
    Integer port = port(evidence.get("port"));
    Integer remotePort = port(evidence.get("remotePort"));
    Object remote = evidence.get("remoteAddress");
    return port == null || remotePort == null || remote == null ? null : key(port, remote.toString(), remotePort);
  }

  /** Addresses compared as addresses: {@code ::ffff:1.2.3.4} and {@code 1.2.3.4} are one peer. */
  private static Key key(int localPort, String remote, int remotePort) {
    if (!IP_LITERAL.matcher(remote).matches()) {
      return null;
    }
    try {
      return new Key(localPort, InetAddress.getByName(remote), remotePort);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static Integer port(Object value) {
    return value instanceof Number n && n.intValue() > 0 && n.intValue() < 65536 ? n.intValue() : null;
  }

  private long minute() {
    return clock.millis() / 60_000;
  }
}
