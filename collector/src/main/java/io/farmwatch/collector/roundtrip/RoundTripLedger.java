package io.farmwatch.collector.roundtrip;

import io.farmwatch.protocol.report.CollectorRtt;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Each device's least round trip to each collector site, per UTC day, for the last
 * {@link #KEEP_DAYS} days: a minimum held over days is what a verdict needs, and one lucky or
 * unlucky cycle is not. New daily minima go to the ledger's store (the database) in batches, at each
 * {@link #flush}, and a correlator starting or taking over begins from what the store holds, so days
 * survive both.
 */
public final class RoundTripLedger {

  public static final int KEEP_DAYS = 14;
  /** Sites kept per device: more collectors than this in one fleet is not a deployment we know of. */
  static final int MAX_SITES = 8;
  /** A round trip over a minute is no network path; such a report is ignored rather than believed. */
  static final long MAX_MICROS = 60_000_000L;

  /** One site's minima for one device. */
  public record SiteMinimum(CollectorSite site, long minMicros, int days, Instant since) {

    public double minMs() {
      return minMicros / 1000.0;
    }
  }

  private final Map<String, Map<CollectorSite, TreeMap<Long, Long>>> devices = new ConcurrentHashMap<>();
  private final Consumer<List<RoundTripDay>> store;
  /** Days kept since the last flush, the lowest of each device, site and day; null in a memory-only ledger. */
  private final Map<DayKey, RoundTripDay> unstored;

  private record DayKey(String deviceId, CollectorSite site, long epochDay) {}

  /** A ledger kept in memory only. */
  public RoundTripLedger() {
    this.store = null;
    this.unstored = null;
  }

  /**
   * @param stored the days the store holds, as a new correlator starts from them
   * @param store receives, at each {@link #flush}, the days whose minimum is new or lower since the last
   */
  public RoundTripLedger(Collection<RoundTripDay> stored, Consumer<List<RoundTripDay>> store) {
    stored.forEach(this::keep);
    this.store = store;
    this.unstored = new LinkedHashMap<>();
  }

  /** Records a cycle's round trips as the agent reported them to {@code site}; nonsense is ignored. */
  public void record(String deviceId, CollectorSite site, CollectorRtt rtt, Instant at) {
    if (rtt == null || rtt.samples() <= 0 || rtt.minMicros() <= 0 || rtt.minMicros() > MAX_MICROS) {
      return;
    }
    RoundTripDay day = new RoundTripDay(deviceId, site, LocalDate.ofInstant(at, ZoneOffset.UTC).toEpochDay(),
        rtt.minMicros());
    // Only a lower minimum is written: a few rows a device and day, however often it reports.
    if (keep(day) && unstored != null) {
      synchronized (unstored) {
        unstored.put(new DayKey(deviceId, site, day.epochDay()), day);
      }
    }
  }

  /**
   * Hands the days kept since the last flush to the store in one call: the correlator flushes once per
   * page of reports it reads, so a page costs one database transaction, not one per new minimum.
   */
  public void flush() {
    if (unstored == null) {
      return;
    }
    List<RoundTripDay> days;
    synchronized (unstored) {
      days = List.copyOf(unstored.values());
      unstored.clear();
    }
    if (!days.isEmpty()) {
      store.accept(days);
    }
  }

  /** Keeps the day unless a lower minimum is kept for it; whether it did. */
  private boolean keep(RoundTripDay day) {
    Map<CollectorSite, TreeMap<Long, Long>> sites = devices.computeIfAbsent(day.deviceId(), d -> new ConcurrentHashMap<>());
    if (!sites.containsKey(day.site()) && sites.size() >= MAX_SITES) {
      return false;
    }
    TreeMap<Long, Long> days = sites.computeIfAbsent(day.site(), s -> new TreeMap<>());
    synchronized (days) {
      Long kept = days.get(day.epochDay());
      boolean lower = kept == null || day.minMicros() < kept;
      if (lower) {
        days.put(day.epochDay(), day.minMicros());
      }
      while (days.size() > KEEP_DAYS) {
        days.pollFirstEntry();
      }
      return lower && days.containsKey(day.epochDay());
    }
  }

  /** The device's minimum to each site over the kept days. */
  public List<SiteMinimum> minima(String deviceId) {
    Map<CollectorSite, TreeMap<Long, Long>> sites = devices.getOrDefault(deviceId, Map.of());
    return sites.entrySet().stream().filter(e -> {
      synchronized (e.getValue()) {
        return !e.getValue().isEmpty();
      }
    }).map(e -> {
      synchronized (e.getValue()) {
        TreeMap<Long, Long> days = e.getValue();
        long min = days.values().stream().mapToLong(Long::longValue).min().orElse(0);
        return new SiteMinimum(e.getKey(), min, days.size(),
            LocalDate.ofEpochDay(days.firstKey()).atStartOfDay(ZoneOffset.UTC).toInstant());
      }
    }).sorted(Comparator.comparing(s -> s.site().name())).toList();
  }
}
