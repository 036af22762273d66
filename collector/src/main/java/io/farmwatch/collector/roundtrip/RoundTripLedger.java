package io.farmwatch.collector.roundtrip;

import io.farmwatch.protocol.report.CollectorRtt;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each device's least round trip to each collector site, per UTC day, for the last
 * {@link #KEEP_DAYS} days: a minimum held over days is what a verdict needs, and one lucky or
 * unlucky cycle is not. Written from request threads, read by the correlator.
 */
public final class RoundTripLedger {

  public static final int KEEP_DAYS = 14;
  /** Sites kept per device: more collectors than this in one fleet is not a deployment we know of. */
  static final int MAX_SITES = 8;
  /** A round trip over a minute is no network path; such a report is ignored rather than believed. */
  static final long MAX_MICROS = 60_000_000L;

  /** One site's minima for one device. */
  public record SiteMinimum(CollectorSite site, long minMicros, int days, long samples, Instant since) {

    public double minMs() {
      return minMicros / 1000.0;
    }
  }

  private record Day(long minMicros, long samples) {}

  private final Map<String, Map<CollectorSite, TreeMap<LocalDate, Day>>> devices = new ConcurrentHashMap<>();

  /** Records a cycle's round trips as the agent reported them to {@code site}; nonsense is ignored. */
  public void record(String deviceId, CollectorSite site, CollectorRtt rtt, Instant at) {
    if (rtt == null || rtt.samples() <= 0 || rtt.minMicros() <= 0 || rtt.minMicros() > MAX_MICROS) {
      return;
    }
    Map<CollectorSite, TreeMap<LocalDate, Day>> sites = devices.computeIfAbsent(deviceId, d -> new ConcurrentHashMap<>());
    if (!sites.containsKey(site) && sites.size() >= MAX_SITES) {
      return;
    }
    TreeMap<LocalDate, Day> days = sites.computeIfAbsent(site, s -> new TreeMap<>());
    LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
    synchronized (days) {
      days.merge(day, new Day(rtt.minMicros(), rtt.samples()),
          (a, b) -> new Day(Math.min(a.minMicros, b.minMicros), a.samples + b.samples));
      while (days.size() > KEEP_DAYS) {
        days.pollFirstEntry();
      }
    }
  }

  /** The device's minimum to each site over the kept days. */
  public List<SiteMinimum> minima(String deviceId) {
    Map<CollectorSite, TreeMap<LocalDate, Day>> sites = devices.getOrDefault(deviceId, Map.of());
    return sites.entrySet().stream().filter(e -> {
      synchronized (e.getValue()) {
        return !e.getValue().isEmpty();
      }
    }).map(e -> {
      synchronized (e.getValue()) {
        TreeMap<LocalDate, Day> days = e.getValue();
        long min = days.values().stream().mapToLong(Day::minMicros).min().orElse(0);
        long samples = days.values().stream().mapToLong(Day::samples).sum();
        return new SiteMinimum(e.getKey(), min, days.size(), samples,
            days.firstKey().atStartOfDay(ZoneOffset.UTC).toInstant());
      }
    }).sorted(java.util.Comparator.comparing(s -> s.site().name())).toList();
  }

  public void forget(String deviceId) {
    devices.remove(deviceId);
  }
}
