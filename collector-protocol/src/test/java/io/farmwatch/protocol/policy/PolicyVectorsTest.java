package io.farmwatch.protocol.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.envelope.EncodedPublicKey;
import io.farmwatch.protocol.envelope.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The signed-policy vectors hold this implementation and PROTOCOL.md §7 to each other: the Java
 * verifier and the documented openssl commands agree on every case, and signing is reproducible.
 */
class PolicyVectorsTest {

  static final JsonNode VECTORS = load();
  static final EncodedPublicKey KEY = EncodedPublicKey.fromPem(VECTORS.get("publicKeyPem").asText());

  @TempDir Path dir;

  static JsonNode load() {
    try (var in = PolicyVectorsTest.class.getResourceAsStream("/vectors/policy-v1.json")) {
      return ProtocolJson.mapper().readTree(in);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<JsonNode> cases() {
    List<JsonNode> out = new ArrayList<>();
    VECTORS.get("cases").forEach(out::add);
    return out.stream();
  }

  static byte[] signed(JsonNode c) throws Exception {
    return ProtocolJson.mapper().writeValueAsBytes(c.get("signed"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void theVerifierAcceptsOrRefusesEachCaseAsStated(JsonNode c) throws Exception {
    PolicyVerifier verifier = new PolicyVerifier(KEY);
    assertThat(new String(Base64.getDecoder().decode(c.at("/signed/policy").asText()), StandardCharsets.UTF_8))
        .isEqualTo(c.get("policyText").asText());
    if (c.get("expect").asText().equals("accepted")) {
      assertThat(verifier.verify(signed(c)).version()).isEqualTo(c.get("version").asLong());
    } else {
      assertThatThrownBy(() -> verifier.verify(signed(c)))
          .isInstanceOf(PolicyProblems.class)
          .hasMessageContaining(c.get("problem").asText());
    }
  }

  @Test
  void signingTheValidPolicyWithTheSeedGivesExactlyTheVectorsBytesAndSignature() throws Exception {
    TestKeys keys = TestKeys.fromSeed(HexFormat.of().parseHex(VECTORS.get("privateKeySeedHex").asText()));
    assertThat(keys.publicKey().keyId()).isEqualTo(VECTORS.get("keyId").asText());
    JsonNode valid = VECTORS.get("cases").get(0);
    Policy policy = new PolicyVerifier(KEY).verify(signed(valid));
    SignedPolicy again = new PolicySigner(keys.privateKey(), keys.publicKey().encoded()).sign(policy);
    assertThat((JsonNode) ProtocolJson.mapper().valueToTree(again)).isEqualTo(valid.get("signed"));
  }

  /** The shell block of §7.6, as printed, verifies exactly the cases the Java verifier accepts. */
  @ParameterizedTest
  @MethodSource("cases")
  void theDocumentedOpensslCheckAgreesOnTheSignature(JsonNode c) throws Exception {
    String doc = Files.readString(Path.of("PROTOCOL.md"));
    Matcher m = Pattern.compile("### 7\\.6 [^\\n]*\\n.*?```sh\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertThat(m.find()).as("PROTOCOL.md 7.6 has a shell block").isTrue();
    String verifyPart = m.group(1).substring(m.group(1).indexOf("# Verify"));
    Files.write(dir.resolve("policy.signed.json"), signed(c));
    Files.writeString(dir.resolve("collector-policy.pub.pem"), VECTORS.get("publicKeyPem").asText());
    Path script = Files.writeString(dir.resolve("verify.sh"), "set -e\ncd " + dir + "\n" + verifyPart);
    Process p = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean signatureHolds = !c.get("name").asText().startsWith("tampered")
        && !c.get("name").asText().startsWith("signed by another");
    if (signatureHolds) {
      assertThat(p.waitFor()).as(out).isZero();
      assertThat(out).contains("Signature Verified Successfully");
      assertThat(Files.readString(dir.resolve("policy.json"))).isEqualTo(c.get("policyText").asText());
    } else {
      assertThat(p.waitFor()).as(out).isNotZero();
    }
  }
}
