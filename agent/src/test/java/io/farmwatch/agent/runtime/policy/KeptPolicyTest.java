package io.farmwatch.agent.runtime.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.detect.Allowlist;
import io.farmwatch.agent.runtime.config.AgentConfig;
import io.farmwatch.agent.runtime.config.Privacy;
import io.farmwatch.agent.runtime.transport.PolicyAnswer;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.envelope.EncodedPublicKey;
import io.farmwatch.protocol.policy.Policy;
import io.farmwatch.protocol.policy.PolicySigner;
import io.farmwatch.protocol.policy.SignedPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's side of PROTOCOL.md 7.3: only a good, newer policy replaces the kept one, on disk too. */
class KeptPolicyTest {

  @TempDir Path state;

  final KeyPair pair = keyPair();
  final PolicySigner collector = signer(pair);
  final EncodedPublicKey key = collector.publicKey();

  static KeyPair keyPair() {
    return uncheck(() -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
  }

  static PolicySigner signer(KeyPair pair) {
    return new PolicySigner(pair.getPrivate(), EncodedPublicKey.fromSpki(pair.getPublic().getEncoded()));
  }

  static Policy policy(long version, String allowed) {
    return new Policy(Policy.SCHEMA_VERSION, version, Instant.parse("2026-12-01T00:00:00Z"), null,
        List.of(new Policy.AllowedTool(allowed, null, null)), null, 600);
  }

  byte[] signed(Policy p) {
    return PolicySigner.encode(collector.sign(p));
  }

  /** The signed policy with its policy bytes edited after signing. */
  byte[] tampered(Policy p, String from, String to) throws Exception {
    SignedPolicy s = collector.sign(p);
    String json = new String(Base64.getDecoder().decode(s.policy()), StandardCharsets.UTF_8).replace(from, to);
    return ProtocolJson.mapper().writeValueAsBytes(new SignedPolicy(s.v(), s.keyId(),
        Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)), s.signature()));
  }

  @Test
  void aGoodPolicyIsKeptAcrossRestartsAndATamperedOneIsRefusedKeepingThePrevious() throws Exception {
    KeptPolicy kept = KeptPolicy.open(state, key);
    List<Long> asked = new ArrayList<>();
    KeptPolicy.Outcome first = kept.refresh(v -> {
      asked.add(v);
      return new PolicyAnswer.Fetched(signed(policy(1, "AnyDesk")));
    });
    assertThat(first.refusal()).isNull();
    assertThat(first.policy()).hasValueSatisfying(p -> assertThat(p.version()).isEqualTo(1));

    KeptPolicy restarted = KeptPolicy.open(state, key);
    assertThat(restarted.current()).hasValueSatisfying(p -> assertThat(p.allowlist().get(0).name()).isEqualTo("AnyDesk"));
    byte[] bad = tampered(policy(2, "AnyDesk"), "AnyDesk", "TeamViewer");
    KeptPolicy.Outcome refused = restarted.refresh(v -> {
      asked.add(v);
      return new PolicyAnswer.Fetched(bad);
    });
    assertThat(refused.refusal()).startsWith("refused: signature: does not verify");
    assertThat(refused.policy()).hasValueSatisfying(p -> assertThat(p.version()).isEqualTo(1));
    assertThat(asked).containsExactly(0L, 1L);
    assertThat(KeptPolicy.open(state, key).current()).hasValueSatisfying(p -> assertThat(p.version()).isEqualTo(1));
  }

  @Test
  void anOlderValidlySignedPolicyIsARefusedReplay() throws Exception {
    KeptPolicy kept = KeptPolicy.open(state, key);
    kept.refresh(v -> new PolicyAnswer.Fetched(signed(policy(5, "AnyDesk"))));
    KeptPolicy.Outcome replay = kept.refresh(v -> new PolicyAnswer.Fetched(signed(policy(4, "TeamViewer"))));
    assertThat(replay.refusal()).contains("version: 4 is not above the running version 5");
    assertThat(kept.current().orElseThrow().allowlist().get(0).name()).isEqualTo("AnyDesk");
  }

  @Test
  void unknownSchemaInvalidFieldsAndAForeignKeyAreRefusedWithTheirReason() throws Exception {
    KeptPolicy kept = KeptPolicy.open(state, key);
    assertThat(kept.refresh(v -> new PolicyAnswer.Fetched(uncheck(() -> tampered(policy(1, "A"), "\"schemaVersion\":1",
        "\"schemaVersion\":2")))).refusal()).startsWith("refused: signature");
    byte[] schema2 = signedText("{\"schemaVersion\":2,\"version\":1,\"issuedAt\":\"2026-12-01T00:00:00Z\"}");
    assertThat(kept.refresh(v -> new PolicyAnswer.Fetched(schema2)).refusal())
        .isEqualTo("refused: schemaVersion: 2 is not a schema this agent knows (1)");
    byte[] invalid = signedText("{\"schemaVersion\":1,\"version\":1,\"issuedAt\":\"2026-12-01T00:00:00Z\","
        + "\"reportIntervalSeconds\":1,\"privacy\":{\"sendCommandLine\":true}}");
    assertThat(kept.refresh(v -> new PolicyAnswer.Fetched(invalid)).refusal())
        .contains("reportIntervalSeconds: must be an integer from 60 to 86400")
        .contains("privacy.sendCommandLine: unknown key");
    byte[] foreign = PolicySigner.encode(signer(keyPair()).sign(policy(1, "AnyDesk")));
    assertThat(kept.refresh(v -> new PolicyAnswer.Fetched(foreign)).refusal()).startsWith("refused: keyId:");
    assertThat(kept.current()).isEmpty();
    assertThat(state.resolve(KeptPolicy.FILE)).doesNotExist();
  }

  @Test
  void aPolicyFileEditedOnDiskIsNotRun() throws Exception {
    KeptPolicy.open(state, key).refresh(v -> new PolicyAnswer.Fetched(signed(policy(1, "AnyDesk"))));
    Path file = state.resolve(KeptPolicy.FILE);
    Files.write(file, tampered(policy(1, "AnyDesk"), "AnyDesk", "Everything"));
    assertThat(KeptPolicy.open(state, key).current()).isEmpty();
  }

  @Test
  void thePolicyAddsToTheLocalAllowlistAndReplacesTheSwitchesItGives() {
    AgentConfig local = AgentConfig.defaults();
    local = new AgentConfig(local.collectorUrl(), local.enrollToken(), local.allowPlainHttp(), local.pinnedCertificate(),
        local.requestTimeout(), local.requestDeadline(), Duration.ofMinutes(5), local.jitter(), local.initialBackoff(),
        local.maxBackoff(), local.spool(), new Privacy(true, true), List.of(new Allowlist.Entry("NinjaOne", null, null)),
        local.catalogDirs(), local.logDir(), local.logLevel());
    Policy central = new Policy(1, 3L, Instant.now(), new Policy.Catalog(List.of(new Policy.Tool("Acme", List.of("acme"),
        List.of(7070)))), List.of(new Policy.AllowedTool("AnyDesk", null, null)), new Policy.Privacy(null, false), 900);
    PolicySettings applied = PolicySettings.of(local, Optional.of(central));
    assertThat(applied.version()).isEqualTo(3);
    assertThat(applied.allowlist()).extracting(Allowlist.Entry::name).containsExactly("NinjaOne", "AnyDesk");
    assertThat(applied.privacy()).isEqualTo(new Privacy(true, false));
    assertThat(applied.interval()).isEqualTo(Duration.ofMinutes(15));
    assertThat(applied.tools()).singleElement().satisfies(t -> {
      assertThat(t.exe()).containsExactly("acme");
      assertThat(t.source()).isEqualTo("policy v3");
    });
    assertThat(PolicySettings.of(local, Optional.empty()).allowlist()).extracting(Allowlist.Entry::name)
        .containsExactly("NinjaOne");
  }

  byte[] signedText(String policyJson) throws Exception {
    byte[] bytes = policyJson.getBytes(StandardCharsets.UTF_8);
    java.security.Signature s = java.security.Signature.getInstance("Ed25519");
    s.initSign(pair.getPrivate());
    s.update(bytes);
    return ProtocolJson.mapper().writeValueAsBytes(new SignedPolicy(1, key.keyId(),
        Base64.getEncoder().encodeToString(bytes), Base64.getEncoder().encodeToString(s.sign())));
  }

  interface Io<T> {
    T get() throws Exception;
  }

  static <T> T uncheck(Io<T> io) {
    try {
      return io.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
