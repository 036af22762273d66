package io.farmwatch.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.SampleReports;
import io.farmwatch.protocol.envelope.VerificationResult.Refused;
import io.farmwatch.protocol.envelope.VerificationResult.Verified;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Random and mutated bytes thrown at the verifier: every input gets a typed answer. */
class EnvelopeFuzzProperties {

  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final TestKeys KEYS = TestKeys.random();
  private static final Envelope GOOD = KEYS.signer().sign(SampleReports.typical("dev-1", 1, NOW));
  private static final byte[] GOOD_BYTES = EnvelopeSigner.encode(GOOD);
  private static final DeviceDirectory DEVICES =
      id -> "dev-1".equals(id)
          ? Optional.of(new KnownDevice("dev-1", KEYS.publicKey(), 0, false))
          : Optional.empty();
  private static final EnvelopeVerifier VERIFIER =
      new EnvelopeVerifier(VerificationPolicy.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));

  @Property(tries = 2000)
  void randomBytesAreRejected(@ForAll @Size(max = 2048) byte[] body) {
    assertThat(VERIFIER.verify(body, DEVICES)).isInstanceOf(Refused.class);
  }

  @Property(tries = 1000)
  void randomJsonShapedTextIsRejected(@ForAll("jsonish") String text) {
    assertThat(VERIFIER.verify(text.getBytes(StandardCharsets.UTF_8), DEVICES))
        .isInstanceOf(Refused.class);
  }

  @Property(tries = 3000)
  void mutatedEnvelopesVerifyOnlyWhenTheyStillSayTheSameThing(@ForAll("mutations") byte[] body) {
    VerificationResult result = VERIFIER.verify(body, DEVICES);
    assertThat(result).isNotNull();
    if (result instanceof Verified) {
      // A mutation can be harmless (say, whitespace); then the envelope must be the original one.
      assertThat(parse(body)).isEqualTo(GOOD);
    }
  }

  @Provide
  Arbitrary<byte[]> mutations() {
    Arbitrary<Integer> position = Arbitraries.integers().between(0, GOOD_BYTES.length - 1);
    Arbitrary<Byte> value = Arbitraries.bytes();
    Arbitrary<Integer> kind = Arbitraries.integers().between(0, 3);
    return Combinators.combine(position, value, kind).as((at, b, k) -> {
      return switch (k) {
        case 0 -> { // replace one byte
          byte[] copy = GOOD_BYTES.clone();
          copy[at] = b;
          yield copy;
        }
        case 1 -> java.util.Arrays.copyOf(GOOD_BYTES, at); // truncate
        case 2 -> { // insert one byte
          byte[] copy = new byte[GOOD_BYTES.length + 1];
          System.arraycopy(GOOD_BYTES, 0, copy, 0, at);
          copy[at] = b;
          System.arraycopy(GOOD_BYTES, at, copy, at + 1, GOOD_BYTES.length - at);
          yield copy;
        }
        default -> { // delete one byte
          byte[] copy = new byte[GOOD_BYTES.length - 1];
          System.arraycopy(GOOD_BYTES, 0, copy, 0, at);
          System.arraycopy(GOOD_BYTES, at + 1, copy, at, GOOD_BYTES.length - at - 1);
          yield copy;
        }
      };
    });
  }

  @Provide
  Arbitrary<String> jsonish() {
    Arbitrary<String> values = Arbitraries.oneOf(List.of(
        Arbitraries.just("null"), Arbitraries.just("true"), Arbitraries.just("[]"),
        Arbitraries.just("{}"), Arbitraries.integers().map(String::valueOf),
        Arbitraries.strings().ofMaxLength(40).map(s -> ProtocolJson.mapper().valueToTree(s).toString()),
        Arbitraries.just("\"" + GOOD.payload() + "\""), Arbitraries.just("\"" + GOOD.keyId() + "\"")));
    Arbitrary<String> keys = Arbitraries.of("v", "deviceId", "keyId", "payload", "signature", "x");
    return Combinators.combine(keys.list().ofMaxSize(7), values.list().ofSize(7))
        .as((ks, vs) -> {
          StringBuilder sb = new StringBuilder("{");
          for (int i = 0; i < ks.size(); i++) {
            if (i > 0) {
              sb.append(',');
            }
            sb.append('"').append(ks.get(i)).append("\":").append(vs.get(i));
          }
          return sb.append('}').toString();
        });
  }

  private static Envelope parse(byte[] body) {
    try {
      return ProtocolJson.mapper().readValue(body, Envelope.class);
    } catch (java.io.IOException e) {
      throw new AssertionError("a verified body must parse", e);
    }
  }
}
