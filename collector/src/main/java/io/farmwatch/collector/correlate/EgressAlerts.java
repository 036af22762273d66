package io.farmwatch.collector.correlate;

import io.farmwatch.collector.egress.EgressSignals;
import io.farmwatch.collector.roster.RosterEntry;
import io.farmwatch.collector.roundtrip.City;
import io.farmwatch.collector.roundtrip.CollectorSite;
import io.farmwatch.collector.roundtrip.Gazetteer;
import io.farmwatch.collector.roundtrip.RoundTripJudge;
import io.farmwatch.collector.roundtrip.RoundTripLedger;
import io.farmwatch.collector.roundtrip.RoundTripVerdict;
import io.farmwatch.collector.store.Storage;
import io.farmwatch.protocol.report.AgentHealth;
import io.farmwatch.protocol.report.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Where a device really is: egress intelligence ({@link EgressSignals}) and round-trip physics
 * ({@link RoundTripJudge}) turned into alerts. The engine calls it once per device evaluation and
 * once per full pass; {@link #OFF} is a collector started without the databases.
 *
 * @param signals egress clues, or null when egress intelligence is off
 * @param ledger each device's minimum round trips, or null when round-trip physics is off; see {@link #forTerm}
 * @param site where this collector stands: stamped on each report it receives, the site its round trips measure to
 */
public record EgressAlerts(
    EgressSignals signals, RoundTripLedger ledger, RoundTripJudge judge, Gazetteer gazetteer, CollectorSite site) {

  public static final EgressAlerts OFF = new EgressAlerts(null, null, null, null, null);

  /**
   * These alerts for one term as the fleet's correlator: the ledger as the database holds it (the days
   * earlier terms and other collectors' correlators kept), new daily minima written back to it at each
   * {@link #flush}.
   */
  public EgressAlerts forTerm(Storage storage, Instant now) {
    if (ledger == null) {
      return this;
    }
    long firstDay = LocalDate.ofInstant(now, ZoneOffset.UTC).toEpochDay() - RoundTripLedger.KEEP_DAYS + 1;
    return new EgressAlerts(signals, new RoundTripLedger(storage.roundTripDays(firstDay), storage::keepRoundTripMinima),
        judge, gazetteer, site);
  }

  /** Keeps the round trips an observation's report measured to the collector that received it. */
  void roundTripReported(DeviceObservation o) {
    if (ledger != null && o.collectorRtt() != null && o.site() != null) {
      ledger.record(o.deviceId(), o.site(), o.collectorRtt(), o.seenAt());
    }
  }

  /** Writes the round-trip minima kept since the last flush to the ledger's store, in one batch. */
  void flush() {
    if (ledger != null) {
      ledger.flush();
    }
  }

  /** The device's EGRESS and ROUND_TRIP alerts; their first-seen times are the engine's to keep. */
  List<Alert> device(DeviceObservation o, RosterEntry claim, Function<String, String> describe) {
    List<Alert> out = new ArrayList<>();
    if (signals != null) {
      List<EgressSignals.Clue> clues = signals.device(o.egress(), o.vpn(), claim == null ? null : claim.claimedCountry());
      if (!clues.isEmpty()) {
        boolean router = clues.stream().anyMatch(c -> c.kind() == EgressSignals.Kind.ROUTER_VPN);
        Severity severity = router ? Severity.HIGH : o.vpn() == null ? Severity.MEDIUM : Severity.LOW;
        List<Evidence> evidence = clues.stream().map(c -> new Evidence(
            c.kind() == EgressSignals.Kind.ROUTER_VPN ? Signal.ROUTER_VPN : Signal.EGRESS_COUNTRY, c.value(),
            List.of(o.deviceId()), o.seenAt(), o.seenAt(), c.detail())).toList();
        out.add(new Alert(AlertIds.of(AlertKind.EGRESS, o.deviceId()), AlertKind.EGRESS, severity,
            router ? 0.7 : severity == Severity.MEDIUM ? 0.5 : 0.3, List.of(o.deviceId()), evidence,
            describe.apply(o.deviceId()) + ": " + String.join("; ", clues.stream().map(EgressSignals.Clue::detail).toList())
                + ". Farms hide where they are behind VPNs on the router; ask where the laptop is and check the"
                + " round trip and the home network it reports.",
            o.seenAt(), o.seenAt()));
      }
    }
    if (judgesRoundTrip(claim)) {
      List<City> claimed = gazetteer.find(claim.claimedCity(), claim.claimedCountry(), claim.claimedRegion());
      judge.judge(claimed, ledger.minima(o.deviceId())).ifPresent(v -> {
        boolean near = v.finding() == RoundTripVerdict.Finding.TOO_NEAR;
        out.add(new Alert(AlertIds.of(AlertKind.ROUND_TRIP, o.deviceId()), AlertKind.ROUND_TRIP,
            near ? Severity.HIGH : Severity.MEDIUM, near ? 0.8 : 0.6, List.of(o.deviceId()),
            List.of(new Evidence(near ? Signal.ROUND_TRIP_TOO_NEAR : Signal.ROUND_TRIP_TOO_FAR, claim.claimedCity(),
                List.of(o.deviceId()), o.seenAt(), o.seenAt(), v.explanation())),
            describe.apply(o.deviceId()) + ": " + v.explanation() + ". " + (near
                ? "Light cannot cover the claimed distance that fast: the laptop is nearer to the collector than claimed."
                : "The laptop is much farther away than claimed, or its traffic is tunnelled through somewhere far."),
            o.seenAt(), o.seenAt()));
      });
    }
    return out;
  }

  /** The kinds of alert {@link #device} looks for evidence of, given the device's claim: what it can find gone. */
  Set<AlertKind> checks(RosterEntry claim) {
    Set<AlertKind> kinds = EnumSet.noneOf(AlertKind.class);
    if (signals != null) {
      kinds.add(AlertKind.EGRESS);
    }
    if (judgesRoundTrip(claim)) {
      kinds.add(AlertKind.ROUND_TRIP);
    }
    return kinds;
  }

  private boolean judgesRoundTrip(RosterEntry claim) {
    return ledger != null && claim != null && claim.claimedCity() != null;
  }

  /** SHARED_EXIT alerts: several devices leaving through one hosting/VPN exit or provider within one window. */
  List<Alert> fleet(Collection<DeviceObservation> latest, Duration window, Function<String, String> describe) {
    if (signals == null) {
      return List.of();
    }
    List<EgressSignals.Sighting> sightings = latest.stream()
        .map(o -> new EgressSignals.Sighting(o.deviceId(), o.egress(), o.seenAt())).toList();
    return signals.shared(sightings, window).stream().map(s -> new Alert(AlertIds.of(AlertKind.SHARED_EXIT, s.key()),
        AlertKind.SHARED_EXIT, Severity.MEDIUM, 0.5, s.deviceIds(),
        List.of(new Evidence(Signal.SHARED_VPN_EXIT, s.key(), s.deviceIds(), s.first(), s.last(), s.description())),
        s.description() + ": " + String.join(", ", s.deviceIds().stream().map(describe).toList())
            + ". Employees working from their own homes rarely share one VPN exit; a farm's laptops behind one router do.",
        s.first(), s.last())).toList();
  }
}
