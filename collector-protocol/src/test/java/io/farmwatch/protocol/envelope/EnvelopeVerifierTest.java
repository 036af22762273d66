package io.farmwatch.protocol.envelope;

import io.farmwatch.protocol.ErrorCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.farmwatch.protocol.Gzip;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.ProtocolLimits;
import io.farmwatch.protocol.SampleReports;
import io.farmwatch.protocol.envelope.VerificationResult.Refused;
import io.farmwatch.protocol.envelope.VerificationResult.Verified;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.InputActivity;
import io.farmwatch.protocol.report.InputMinute;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class EnvelopeVerifierTest {

  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  static final String DEVICE = "dev-123";

  final TestKeys keys = TestKeys.random();
  final EnvelopeVerifier verifier =
      new EnvelopeVerifier(VerificationPolicy.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));

  DeviceDirectory directory(long lastSequence, boolean revoked) {
    KnownDevice device = new KnownDevice(DEVICE, keys.publicKey(), lastSequence, revoked);
    return id -> DEVICE.equals(id) ? Optional.of(device) : Optional.empty();
  }

  byte[] signed(String deviceId, long sequence, Instant at) {
    return EnvelopeSigner.encode(keys.signer().sign(SampleReports.typical(deviceId, sequence, at)));
  }

  ErrorCode rejection(byte[] body, DeviceDirectory devices) {
    VerificationResult result = verifier.verify(body, devices);
    assertThat(result).isInstanceOf(Refused.class);
    return ((Refused) result).reason();
  }

  @Test
  void acceptsAFreshReportInSequence() {
    VerificationResult result = verifier.verify(signed(DEVICE, 5, NOW), directory(4, false));
    assertThat(result).isInstanceOfSatisfying(Verified.class, v -> {
      assertThat(v.report().device().sequence()).isEqualTo(5);
      assertThat(v.report().findings()).hasSize(1);
      assertThat(v.device().deviceId()).isEqualTo(DEVICE);
    });
  }

  @Test
  void acceptsInputMinutesWhoseRemoteSessionIsLeftOutBecauseFalse() {
    Report t = SampleReports.typical(DEVICE, 5, NOW);
    InputActivity input = new InputActivity("x11-xinput2", NOW.minusSeconds(120),
        List.of(new InputMinute(30, 12, 40, 0), new InputMinute(20, 3, 9, 0, true)), null);
    Report report = new Report(t.schemaVersion(), t.device(), t.hardware(), t.network(), t.processes(),
        t.peripherals(), t.locale(), input, t.agent(), t.findings(), t.unavailable());
    byte[] body = EnvelopeSigner.encode(keys.signer().sign(report));

    VerificationResult result = verifier.verify(body, directory(4, false));

    assertThat(result).isInstanceOfSatisfying(Verified.class,
        v -> assertThat(v.report().input().minutes()).extracting(InputMinute::remoteSession).containsExactly(false, true));
  }

  @Test
  void refusesReplayedAndOutOfOrderSequences() {
    assertThat(rejection(signed(DEVICE, 5, NOW), directory(5, false))).isEqualTo(ErrorCode.REPLAYED);
    assertThat(rejection(signed(DEVICE, 3, NOW), directory(5, false))).isEqualTo(ErrorCode.REPLAYED);
  }

  @Test
  void refusesUnknownAndRevokedDevices() {
    assertThat(rejection(signed(DEVICE, 1, NOW), id -> Optional.empty()))
        .isEqualTo(ErrorCode.UNKNOWN_DEVICE);
    assertThat(rejection(signed(DEVICE, 1, NOW), directory(0, true)))
        .isEqualTo(ErrorCode.REVOKED_DEVICE);
  }

  @Test
  void refusesAnotherKeyForTheDevice() {
    TestKeys other = TestKeys.random();
    byte[] body = EnvelopeSigner.encode(other.signer().sign(SampleReports.typical(DEVICE, 1, NOW)));
    assertThat(rejection(body, directory(0, false))).isEqualTo(ErrorCode.UNKNOWN_KEY);
  }

  @Test
  void refusesAnyChangedPayloadByte() throws Exception {
    ObjectNode envelope = (ObjectNode) ProtocolJson.mapper().readTree(signed(DEVICE, 1, NOW));
    byte[] payload = Base64.getDecoder().decode(envelope.get("payload").asText());
    payload[payload.length / 2] ^= 0x01;
    envelope.put("payload", Base64.getEncoder().encodeToString(payload));
    assertThat(rejection(ProtocolJson.mapper().writeValueAsBytes(envelope), directory(0, false)))
        .isEqualTo(ErrorCode.BAD_SIGNATURE);
  }

  @Test
  void refusesBase64WithoutItsPadding() throws Exception {
    ObjectNode envelope = (ObjectNode) ProtocolJson.mapper().readTree(signed(DEVICE, 1, NOW));
    String signature = envelope.get("signature").asText();
    assertThat(signature).endsWith("=");
    envelope.put("signature", signature.replace("=", ""));
    assertThat(rejection(ProtocolJson.mapper().writeValueAsBytes(envelope), directory(0, false)))
        .isEqualTo(ErrorCode.MALFORMED);
  }

  @Test
  void refusesAReportForAnotherDevice() {
    Envelope forged = keys.signer().sign(SampleReports.typical("dev-other", 1, NOW));
    Envelope relabelled = new Envelope(2, DEVICE, forged.keyId(), forged.payload(), forged.signature());
    assertThat(rejection(EnvelopeSigner.encode(relabelled), directory(0, false)))
        .isEqualTo(ErrorCode.DEVICE_MISMATCH);
  }

  @Test
  void refusesFutureDatedAndStaleReportsButToleratesSkew() {
    DeviceDirectory devices = directory(0, false);
    assertThat(verifier.verify(signed(DEVICE, 1, NOW.plus(Duration.ofMinutes(4))), devices))
        .isInstanceOf(Verified.class);
    assertThat(rejection(signed(DEVICE, 1, NOW.plus(Duration.ofMinutes(6))), devices))
        .isEqualTo(ErrorCode.FUTURE_DATED);
    assertThat(verifier.verify(signed(DEVICE, 1, NOW.minus(Duration.ofDays(29))), devices))
        .isInstanceOf(Verified.class);
    assertThat(rejection(signed(DEVICE, 1, NOW.minus(Duration.ofDays(31))), devices))
        .isEqualTo(ErrorCode.STALE);
  }

  @Test
  void refusesUnsupportedVersionsAndMissingFields() {
    Envelope good = keys.signer().sign(SampleReports.typical(DEVICE, 1, NOW));
    DeviceDirectory devices = directory(0, false);
    for (int version : new int[] {0, 3, -1}) {
      assertThat(rejection(EnvelopeSigner.encode(
          new Envelope(version, good.deviceId(), good.keyId(), good.payload(), good.signature())), devices))
          .isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
    }
    assertThat(rejection(EnvelopeSigner.encode(
        new Envelope(2, good.deviceId(), good.keyId(), good.payload(), null)), devices))
        .isEqualTo(ErrorCode.MALFORMED);
    assertThat(rejection(EnvelopeSigner.encode(
        new Envelope(2, good.deviceId(), good.keyId(), good.payload(), "AAAA")), devices))
        .isEqualTo(ErrorCode.MALFORMED);
  }

  @Test
  void refusesWrongTypesInsteadOfCoercingThem() {
    Envelope good = keys.signer().sign(SampleReports.typical(DEVICE, 1, NOW));
    String json = "{\"v\":\"2\",\"deviceId\":\"" + good.deviceId() + "\",\"keyId\":\"" + good.keyId()
        + "\",\"payload\":\"" + good.payload() + "\",\"signature\":\"" + good.signature() + "\"}";
    assertThat(rejection(json.getBytes(StandardCharsets.UTF_8), directory(0, false)))
        .isEqualTo(ErrorCode.MALFORMED);
  }

  @Test
  void refusesFloatsWhereIntegersAreMeant() throws Exception {
    Envelope good = keys.signer().sign(SampleReports.typical(DEVICE, 1, NOW));
    String json = "{\"v\":2.0,\"deviceId\":\"" + good.deviceId() + "\",\"keyId\":\"" + good.keyId()
        + "\",\"payload\":\"" + good.payload() + "\",\"signature\":\"" + good.signature() + "\"}";
    assertThat(rejection(json.getBytes(StandardCharsets.UTF_8), directory(0, false)))
        .isEqualTo(ErrorCode.MALFORMED);

    ObjectNode report = (ObjectNode) ProtocolJson.mapper().valueToTree(SampleReports.typical(DEVICE, 1, NOW));
    ((ObjectNode) report.get("device")).put("sequence", 5.9);
    Envelope floatSequence = keys.signer().sign(DEVICE, ProtocolJson.mapper().writeValueAsBytes(report));
    VerificationResult result = verifier.verify(EnvelopeSigner.encode(floatSequence), directory(0, false));
    assertThat(result).isInstanceOfSatisfying(Refused.class, r -> {
      assertThat(r.reason()).isEqualTo(ErrorCode.MALFORMED_REPORT);
      assertThat(r.message()).contains("5.9");
    });
  }

  @Test
  void refusesASequenceJumpThatWouldLockTheDeviceOut() {
    assertThat(rejection(signed(DEVICE, Long.MAX_VALUE, NOW), directory(-1, false)))
        .isEqualTo(ErrorCode.SEQUENCE_JUMP);
    assertThat(rejection(signed(DEVICE, 7 + ProtocolLimits.MAX_SEQUENCE_STEP + 1, NOW), directory(7, false)))
        .isEqualTo(ErrorCode.SEQUENCE_JUMP);
    assertThat(verifier.verify(signed(DEVICE, 7 + ProtocolLimits.MAX_SEQUENCE_STEP, NOW), directory(7, false)))
        .isInstanceOf(Verified.class);
    assertThat(verifier.verify(signed(DEVICE, ProtocolLimits.MAX_SEQUENCE_STEP, NOW), directory(-1, false)))
        .isInstanceOf(Verified.class);
  }

  @Test
  void refusesAReportOverALimitNamingTheField() {
    Report typical = SampleReports.typical(DEVICE, 1, NOW);
    Finding huge = new Finding(FindingKind.OTHER, "n".repeat(900_000), Severity.HIGH, Map.of(), "r");
    Report bloated = new Report(typical.schemaVersion(), typical.device(), typical.hardware(), typical.network(),
        typical.processes(), typical.peripherals(), typical.locale(), typical.input(), typical.agent(),
        List.of(typical.findings().get(0), huge), typical.unavailable());
    VerificationResult result =
        verifier.verify(EnvelopeSigner.encode(keys.signer().sign(bloated)), directory(0, false));
    assertThat(result).isInstanceOfSatisfying(Refused.class, r -> {
      assertThat(r.reason()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
      assertThat(r.message()).startsWith("findings[1].name is 900000 characters");
    });
  }

  @Test
  void refusesOversizeBodiesBeforeParsing() {
    byte[] huge = new byte[ProtocolLimits.MAX_ENVELOPE_BYTES + 1];
    assertThat(rejection(huge, directory(0, false))).isEqualTo(ErrorCode.TOO_LARGE);
  }

  @Test
  void refusesSignedPayloadsThatAreNotReports() {
    Envelope notAReport = keys.signer().sign(DEVICE, "[1,2,3]".getBytes(StandardCharsets.UTF_8));
    assertThat(rejection(EnvelopeSigner.encode(notAReport), directory(0, false)))
        .isEqualTo(ErrorCode.MALFORMED_REPORT);
  }

  @Test
  void signsTheReportsGzipAndHandsBackTheSignedBytes() throws Exception {
    Envelope envelope = keys.signer().sign(SampleReports.typical(DEVICE, 1, NOW));
    byte[] signed = Base64.getDecoder().decode(envelope.payload());
    assertThat(envelope.v()).isEqualTo(2);
    assertThat(Gzip.looksLikeGzip(signed)).isTrue();
    byte[] json = Gzip.decompress(signed, ProtocolLimits.MAX_PAYLOAD_BYTES);
    assertThat(ProtocolJson.mapper().readValue(json, Report.class))
        .isEqualTo(SampleReports.typical(DEVICE, 1, NOW));
    assertThat(verifier.verify(EnvelopeSigner.encode(envelope), directory(0, false)))
        .isInstanceOfSatisfying(Verified.class, v -> assertThat(v.payload()).isEqualTo(signed));
  }

  @Test
  void stillReadsVersionOneEnvelopesOfPlainJson() throws Exception {
    byte[] json = ProtocolJson.mapper().writeValueAsBytes(SampleReports.typical(DEVICE, 3, NOW));
    Envelope plain = keys.seal(1, DEVICE, json);
    assertThat(verifier.verify(EnvelopeSigner.encode(plain), directory(2, false)))
        .isInstanceOfSatisfying(Verified.class, v -> {
          assertThat(v.report().device().sequence()).isEqualTo(3);
          assertThat(v.payload()).isEqualTo(json);
        });
  }

  @Test
  void eachVersionRefusesTheOthersPayloads() throws Exception {
    byte[] json = ProtocolJson.mapper().writeValueAsBytes(SampleReports.typical(DEVICE, 1, NOW));
    assertThat(rejection(EnvelopeSigner.encode(keys.seal(2, DEVICE, json)), directory(0, false)))
        .isEqualTo(ErrorCode.MALFORMED_REPORT);
    byte[] gzip = Gzip.compress(json, Deflater.BEST_SPEED);
    assertThat(rejection(EnvelopeSigner.encode(keys.seal(1, DEVICE, gzip)), directory(0, false)))
        .isEqualTo(ErrorCode.MALFORMED_REPORT);
  }

  @Test
  void aTruncatedGzipIsAMalformedReport() throws Exception {
    byte[] json = ProtocolJson.mapper().writeValueAsBytes(SampleReports.typical(DEVICE, 1, NOW));
    byte[] gzip = Gzip.compress(json, Deflater.BEST_SPEED);
    byte[] truncated = Arrays.copyOf(gzip, gzip.length - 10);
    VerificationResult result = verifier.verify(EnvelopeSigner.encode(keys.seal(2, DEVICE, truncated)),
        directory(0, false));
    assertThat(result).isInstanceOfSatisfying(Refused.class, r -> {
      assertThat(r.reason()).isEqualTo(ErrorCode.MALFORMED_REPORT);
      assertThat(r.message()).contains("gzip");
    });
  }

  @Test
  void aSignedGzipBombStopsAtTheReportLimit() {
    // Two megabytes and one byte of spaces after a valid report: about 2 KB of gzip.
    byte[] bomb = new byte[ProtocolLimits.MAX_PAYLOAD_BYTES + 1];
    Arrays.fill(bomb, (byte) ' ');
    bomb[0] = '{';
    bomb[bomb.length - 1] = '}';
    byte[] gzip = Gzip.compress(bomb, Deflater.BEST_COMPRESSION);
    assertThat(gzip.length).isLessThan(8 * 1024);
    VerificationResult result = verifier.verify(EnvelopeSigner.encode(keys.seal(2, DEVICE, gzip)),
        directory(0, false));
    assertThat(result).isInstanceOfSatisfying(Refused.class, r -> {
      assertThat(r.reason()).isEqualTo(ErrorCode.TOO_LARGE);
      assertThat(r.message()).contains(String.valueOf(ProtocolLimits.MAX_PAYLOAD_BYTES));
    });
  }

  @Test
  void aFailingDirectoryStillGivesATypedAnswer() {
    DeviceDirectory broken = id -> {
      throw new IllegalStateException("database is down");
    };
    assertThat(rejection(signed(DEVICE, 1, NOW), broken)).isEqualTo(ErrorCode.MALFORMED);
  }
}
