package io.farmwatch.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.protocol.Gzip;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.ProtocolLimits;
import io.farmwatch.protocol.envelope.VerificationResult.Refused;
import io.farmwatch.protocol.envelope.VerificationResult.Verified;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden vectors other implementations check theirs against (see PROTOCOL.md): version 2, what
 * agents send, and version 1, which collectors still read.
 */
class GoldenVectorsTest {

  record Vectors(String file, JsonNode root) {
    TestKeys keys() {
      return TestKeys.fromSeed(HexFormat.of().parseHex(root.get("privateKeySeedHex").asText()));
    }

    DeviceKey enrolledKey() {
      return DeviceKey.fromPem(root.get("publicKeyPem").asText());
    }

    @Override
    public String toString() {
      return file;
    }
  }

  static Vectors load(String file) {
    try (InputStream in = GoldenVectorsTest.class.getResourceAsStream("/vectors/" + file)) {
      return new Vectors(file, ProtocolJson.mapper().readTree(in));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static final List<Vectors> FILES = List.of(load("envelope-v2.json"), load("envelope-v1.json"));

  static Stream<Arguments> cases() {
    return FILES.stream().flatMap(v -> {
      Stream.Builder<Arguments> b = Stream.builder();
      v.root().get("cases").forEach(c -> b.add(Arguments.of(v, c.get("name").asText(), c)));
      return b.build();
    });
  }

  /** The bytes the vector's signature was made over: v2 files name them, v1 signs the text. */
  static byte[] signedBytes(JsonNode vector) {
    JsonNode signed = vector.get("signedPayload");
    return signed != null ? Base64.getDecoder().decode(signed.asText())
        : vector.get("payloadText").asText().getBytes(StandardCharsets.UTF_8);
  }

  static Stream<Vectors> files() {
    return FILES.stream();
  }

  @ParameterizedTest
  @MethodSource("files")
  void keyMaterialIsConsistent(Vectors vectors) {
    DeviceKey fromPem = vectors.enrolledKey();
    assertThat(HexFormat.of().formatHex(fromPem.raw())).isEqualTo(vectors.root().get("publicKeyHex").asText());
    assertThat(fromPem.keyId()).isEqualTo(vectors.root().get("keyId").asText());
    assertThat(vectors.keys().publicKey()).isEqualTo(fromPem);
    // RFC 8032 section 7.1, TEST 1: this seed's public key.
    assertThat(vectors.root().get("publicKeyHex").asText())
        .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void jdkSigningReproducesTheVectorSignature(Vectors vectors, String name, JsonNode vector) {
    JsonNode envelope = vector.get("envelope");
    Envelope signed = vectors.keys().seal(envelope.get("v").asInt(), envelope.get("deviceId").asText(),
        signedBytes(vector));
    assertThat(signed.signature()).isEqualTo(envelope.get("signature").asText());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void aVersionTwoPayloadInflatesToItsText(Vectors vectors, String name, JsonNode vector) throws Exception {
    byte[] signed = signedBytes(vector);
    if (vector.has("signedPayload") && vector.has("payloadText") && Gzip.looksLikeGzip(signed)) {
      assertThat(new String(Gzip.decompress(signed, ProtocolLimits.MAX_PAYLOAD_BYTES), StandardCharsets.UTF_8))
          .isEqualTo(vector.get("payloadText").asText());
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void verifierReachesTheExpectedOutcome(Vectors vectors, String name, JsonNode vector) throws Exception {
    KnownDevice device = new KnownDevice("dev-vector-1", vectors.enrolledKey(),
        vector.get("lastSequence").asLong(), false);
    JsonNode root = vectors.root();
    EnvelopeVerifier verifier = new EnvelopeVerifier(
        new VerificationPolicy(Duration.parse(root.get("maxClockSkew").asText()),
            Duration.parse(root.get("maxReportAge").asText())),
        Clock.fixed(Instant.parse(root.get("now").asText()), ZoneOffset.UTC));
    byte[] body = ProtocolJson.mapper().writeValueAsBytes(vector.get("envelope"));

    VerificationResult result =
        verifier.verify(body, id -> id.equals(device.deviceId()) ? Optional.of(device) : Optional.empty());

    String expect = vector.get("expect").asText();
    if (expect.equals("verified")) {
      assertThat(result).isInstanceOfSatisfying(Verified.class, v -> assertThat(v.payload())
          .isEqualTo(Base64.getDecoder().decode(vector.get("envelope").get("payload").asText())));
    } else {
      assertThat(result).isInstanceOfSatisfying(Refused.class,
          r -> assertThat(r.reason().code()).isEqualTo(expect));
    }
  }
}
