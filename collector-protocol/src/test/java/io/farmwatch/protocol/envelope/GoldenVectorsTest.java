package io.farmwatch.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.envelope.VerificationResult.Rejected;
import io.farmwatch.protocol.envelope.VerificationResult.Verified;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The golden vectors other implementations check theirs against (see PROTOCOL.md). */
class GoldenVectorsTest {

  static final JsonNode VECTORS = load();

  static JsonNode load() {
    try (InputStream in = GoldenVectorsTest.class.getResourceAsStream("/vectors/envelope-v1.json")) {
      return ProtocolJson.mapper().readTree(in);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<JsonNode> cases() {
    return Stream.of(VECTORS.get("cases")).flatMap(c -> {
      Stream.Builder<JsonNode> b = Stream.builder();
      c.forEach(b);
      return b.build();
    });
  }

  static TestKeys keys() {
    return TestKeys.fromSeed(HexFormat.of().parseHex(VECTORS.get("privateKeySeedHex").asText()));
  }

  @Test
  void keyMaterialIsConsistent() {
    DeviceKey fromPem = DeviceKey.fromPem(VECTORS.get("publicKeyPem").asText());
    assertThat(HexFormat.of().formatHex(fromPem.raw())).isEqualTo(VECTORS.get("publicKeyHex").asText());
    assertThat(fromPem.keyId()).isEqualTo(VECTORS.get("keyId").asText());
    assertThat(keys().publicKey()).isEqualTo(fromPem);
    // RFC 8032 section 7.1, TEST 1: this seed's public key.
    assertThat(VECTORS.get("publicKeyHex").asText())
        .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void jdkSigningReproducesTheVectorSignature(JsonNode vector) {
    byte[] payload = vector.get("payloadText").asText().getBytes(StandardCharsets.UTF_8);
    Envelope signed = keys().signer().sign(vector.get("envelope").get("deviceId").asText(), payload);
    assertThat(signed.signature()).isEqualTo(vector.get("envelope").get("signature").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verifierReachesTheExpectedOutcome(JsonNode vector) throws Exception {
    DeviceKey key = DeviceKey.fromPem(VECTORS.get("publicKeyPem").asText());
    KnownDevice device = new KnownDevice("dev-vector-1", key, vector.get("lastSequence").asLong(), false);
    EnvelopeVerifier verifier = new EnvelopeVerifier(
        new VerificationPolicy(Duration.parse(VECTORS.get("maxClockSkew").asText()),
            Duration.parse(VECTORS.get("maxReportAge").asText())),
        Clock.fixed(Instant.parse(VECTORS.get("now").asText()), ZoneOffset.UTC));
    byte[] body = ProtocolJson.mapper().writeValueAsBytes(vector.get("envelope"));

    VerificationResult result =
        verifier.verify(body, id -> id.equals(device.deviceId()) ? Optional.of(device) : Optional.empty());

    String expect = vector.get("expect").asText();
    if (expect.equals("verified")) {
      assertThat(result).isInstanceOf(Verified.class);
      assertThat(new String(Base64.getDecoder().decode(vector.get("envelope").get("payload").asText()),
          StandardCharsets.UTF_8)).isEqualTo(vector.get("payloadText").asText());
    } else {
      assertThat(result).isInstanceOfSatisfying(Rejected.class,
          r -> assertThat(r.reason().code()).isEqualTo(expect));
    }
  }
}
