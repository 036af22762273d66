package io.farmwatch.collector.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.collector.activity.ActivityDays;
import io.farmwatch.collector.correlate.AlertKind;
import io.farmwatch.collector.correlate.CorrelationEngine;
import io.farmwatch.collector.correlate.CorrelationSettings;
import io.farmwatch.collector.correlate.MemoryAlertStore;
import io.farmwatch.collector.correlate.Observations;
import io.farmwatch.protocol.envelope.DeviceKey;
import io.farmwatch.protocol.envelope.EnvelopeVerifier;
import io.farmwatch.protocol.envelope.KnownDevice;
import io.farmwatch.protocol.envelope.VerificationPolicy;
import io.farmwatch.protocol.envelope.VerificationResult;
import io.farmwatch.protocol.limits.ReportLimits;
import io.farmwatch.protocol.report.Report;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

/** The ingest benchmark's reports are what agents send and give correlation real clusters to build. */
class LoadGeneratorTest {

  @Test
  void reportsPassTheProtocolLimitsAndPlantedFarmsBecomeFarmAlerts() {
    MemoryAlertStore alerts = new MemoryAlertStore();
    CorrelationEngine engine = new CorrelationEngine(CorrelationSettings.DEFAULT, alerts, Clock.systemUTC());
    Instant now = Instant.now();
    int marked = 0;
    for (int agent = 0; agent < 2 * LoadGenerator.FARM_EVERY; agent++) {
      Report r = LoadGenerator.report("dev-" + agent, 1, agent);
      assertThat(ReportLimits.check(r)).as("agent " + agent).isEmpty();
      // Verified as the collector verifies an upload: a signed report it cannot read is refused.
      assertThat(verified(agent)).as("agent " + agent).isInstanceOf(VerificationResult.Verified.class);
      engine.observe(Observations.of("dev-" + agent, r, "203.0.113.5", now));
      marked += ActivityDays.of("dev-" + agent, r.input(), now, now.minus(Duration.ofDays(14))).size();
    }
    engine.fullPass();
    Set<Set<String>> farms = alerts.saved.values().stream().filter(a -> a.kind() == AlertKind.LAPTOP_FARM)
        .map(a -> (Set<String>) new TreeSet<>(a.deviceIds())).collect(Collectors.toSet());
    assertThat(farms).containsExactlyInAnyOrder(
        Set.of("dev-0", "dev-1", "dev-2", "dev-3", "dev-4"), Set.of("dev-50", "dev-51", "dev-52", "dev-53", "dev-54"));
    assertThat(marked).as("every report carries input minutes for the history").isGreaterThanOrEqualTo(100);
    assertThat(alerts.saved.values()).anyMatch(a -> a.kind() == AlertKind.REMOTE_CONTROL);
    assertThat(List.copyOf(alerts.saved.values())).noneMatch(a -> a.kind() == AlertKind.DUPLICATE_HARDWARE);
  }

  @Test
  void uniformReportsPassTheProtocolLimitsAndCarryNoCorrelationSignal() {
    for (int agent = 0; agent < LoadGenerator.FARM_EVERY; agent++) {
      Report r = LoadGenerator.uniform("dev-" + agent, 1, agent);
      assertThat(ReportLimits.check(r)).as("agent " + agent).isEmpty();
      assertThat(r.processes()).hasSize(40);
      assertThat(r.input()).isNull();
      assertThat(r.hardware()).isNull();
    }
  }

  /** The envelope the generator signs for {@code agent}, through the collector's verifier. */
  private static VerificationResult verified(int agent) {
    byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
    seed[0] = (byte) agent;
    byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(seed, 0, publicKey, 0);
    DeviceKey key = DeviceKey.fromRaw(publicKey);
    String deviceId = "dev-" + agent;
    KnownDevice device = new KnownDevice(deviceId, key, 0, false);
    byte[] envelope = LoadGenerator.sign(new LoadGenerator.Agent(deviceId, key.keyId(), seed, agent), 1);
    return new EnvelopeVerifier(VerificationPolicy.DEFAULT, Clock.systemUTC())
        .verify(envelope, id -> id.equals(deviceId) ? Optional.of(device) : Optional.empty());
  }
}
