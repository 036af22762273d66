package io.farmwatch.collector.correlate;

import io.farmwatch.collector.roundtrip.CollectorSite;
import io.farmwatch.protocol.report.CollectorRtt;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Builds observations for tests. */
final class Obs {

  String id;
  Instant at = Instant.parse("2026-11-24T12:00:00Z");
  String egress = "203.0.113.7";
  Set<String> gw = Set.of();
  Set<String> bssid = Set.of();
  Set<String> nbr = Set.of();
  Set<String> own = Set.of();
  String fingerprint;
  String serial;
  String tz = "America/Chicago";
  List<String> imes = List.of();
  List<ControlSignal> controls = List.of();
  String vpn;
  CollectorRtt rtt;
  CollectorSite site;

  static Obs device(String id) {
    Obs o = new Obs();
    o.id = id;
    o.fingerprint = "fp-" + id;
    o.own = Set.of("02:00:00:00:00:" + String.format("%02x", Math.abs(id.hashCode()) % 256));
    return o;
  }

  Obs gw(String mac) {
    gw = Set.of(mac);
    return this;
  }

  Obs gw2(String mac, String other) {
    gw = Set.of(mac, other);
    return this;
  }

  Obs rtt(CollectorRtt measured, CollectorSite to) {
    rtt = measured;
    site = to;
    return this;
  }

  Obs egress(String e) {
    egress = e;
    return this;
  }

  Obs at(Instant t) {
    at = t;
    return this;
  }

  DeviceObservation build() {
    return new DeviceObservation(id, at, egress, gw, bssid, nbr, own, Set.of("192.168.1.1"), fingerprint, serial,
        tz, imes, controls, vpn, rtt, site);
  }
}
