package io.farmwatch.collector.cli;

import io.farmwatch.collector.correlate.EgressAlerts;
import io.farmwatch.collector.egress.CompanyExits;
import io.farmwatch.collector.egress.EgressClassifier;
import io.farmwatch.collector.egress.EgressSignals;
import io.farmwatch.collector.roundtrip.CollectorSite;
import io.farmwatch.collector.roundtrip.Gazetteer;
import io.farmwatch.collector.roundtrip.RoundTripJudge;
import io.farmwatch.collector.roundtrip.RoundTripLedger;
import io.farmwatch.collector.roundtrip.RoundTripModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The serve command's egress-intelligence and round-trip options (docs/collector.md lists them). */
final class EgressOptions {

  @Option(names = "--no-egress-intelligence",
      description = "Do not classify egress addresses (no EGRESS or SHARED_EXIT alerts).")
  boolean off;

  @Option(names = "--egress-data", paramLabel = "DIR",
      description = "Read the egress databases and gazetteer from this directory (as scripts/refresh-egress-data"
          + " writes them) instead of the copies built into the jar.")
  Path dataDir;

  @Option(names = "--company-vpn-exit", paramLabel = "CIDR",
      description = "The company's own VPN exit addresses: egress through them never counts (repeatable).")
  List<String> companyExits = List.of();

  @Option(names = "--shared-provider-devices", paramLabel = "N", defaultValue = "3",
      description = "Devices on one hosting/VPN provider at the same times before SHARED_EXIT (default: ${DEFAULT-VALUE};"
          + " one exit address needs 2).")
  int sharedProviderDevices;

  @Option(names = "--collector-location", paramLabel = "LOCATION",
      description = "Where this collector stands, 'LAT,LON' or 'City, CC' or 'City, Region, CC': turns on"
          + " round-trip physics against the roster's claimed city.")
  String location;

  @Option(names = "--rtt-min-days", paramLabel = "N", defaultValue = "2",
      description = "UTC days a minimum round trip must be held over before it counts (default: ${DEFAULT-VALUE}).")
  int minDays;

  @Option(names = "--rtt-last-mile", paramLabel = "MS", defaultValue = "25",
      description = "Round trip that access networks and Wi-Fi may add at most (default: ${DEFAULT-VALUE}).")
  double lastMileMs;

  @Option(names = "--rtt-route-factor", paramLabel = "X", defaultValue = "2.0",
      description = "How much longer than the great circle routes may run (default: ${DEFAULT-VALUE}).")
  double routeFactor;

  /** The options checked; {@link #build()} loads the databases once every option is known to be good. */
  record Plan(boolean on, Path dataDir, CompanyExits exits, int sharedProviderDevices, Gazetteer gazetteer,
      CollectorSite site, RoundTripJudge judge) {

    EgressAlerts build() {
      EgressSignals signals = !on ? null : new EgressSignals(
          dataDir == null ? EgressClassifier.builtIn() : EgressClassifier.fromDirectory(dataDir), exits,
          sharedProviderDevices);
      return new EgressAlerts(signals, site == null ? null : new RoundTripLedger(), judge, gazetteer, site);
    }
  }

  Plan validate(CommandLineProblems problems) {
    if (dataDir != null && !Files.isDirectory(dataDir)) {
      problems.add("--egress-data", dataDir + " is not a directory");
    }
    CompanyExits exits = problems.read("--company-vpn-exit", () -> CompanyExits.parse(companyExits));
    if (sharedProviderDevices < 2) {
      problems.add("--shared-provider-devices", "must be at least 2, not " + sharedProviderDevices);
    }
    RoundTripModel model = problems.read("--rtt-last-mile, --rtt-route-factor",
        () -> new RoundTripModel(lastMileMs, routeFactor, RoundTripModel.DEFAULT.cityRadiusKm()));
    if (location == null || model == null || dataDir != null && !Files.isDirectory(dataDir)) {
      return new Plan(!off, dataDir, exits, sharedProviderDevices, null, null, null);
    }
    Gazetteer gazetteer = dataDir == null ? Gazetteer.builtIn() : Gazetteer.fromDirectory(dataDir);
    CollectorSite site = problems.read("--collector-location", () -> CollectorSite.parse(location, gazetteer));
    RoundTripJudge judge = problems.read("--rtt-min-days", () -> new RoundTripJudge(model, gazetteer, minDays));
    return new Plan(!off, dataDir, exits, sharedProviderDevices, gazetteer, site, site == null ? null : judge);
  }
}
