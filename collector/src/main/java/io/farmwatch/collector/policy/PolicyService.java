package io.farmwatch.collector.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.collector.store.Actor;
import io.farmwatch.collector.store.IssuedPolicy;
import io.farmwatch.collector.store.PolicyKey;
import io.farmwatch.collector.store.Storage;
import io.farmwatch.protocol.envelope.EncodedPublicKey;
import io.farmwatch.protocol.policy.Policy;
import io.farmwatch.protocol.policy.PolicyProblems;
import io.farmwatch.protocol.policy.PolicyReader;
import io.farmwatch.protocol.policy.PolicySigner;
import io.farmwatch.protocol.policy.PolicyVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Optional;

/**
 * The central policy (PROTOCOL.md §7): validates administrators' drafts, numbers and signs them
 * with the collector's policy key, and hands agents the newest signed version.
 *
 * <p>The key lives in the database, created by the first collector that starts on it, so every
 * collector sharing one PostgreSQL signs with the same key with nothing to distribute; the price is
 * that whoever can read the database can sign policies (docs/collector.md, "Central policy").
 */
public final class PolicyService {

  private final Storage storage;
  private final Clock clock;
  private final PolicySigner signer;

  public PolicyService(Storage storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
    this.signer = signer(storage.policyKey(generate(clock)));
  }

  /** The public key agents verify policies with, as a PEM {@code PUBLIC KEY} block. */
  public String publicKeyPem() {
    return signer.publicKey().pem();
  }

  public String keyId() {
    return signer.publicKey().keyId();
  }

  public Optional<IssuedPolicy> current() {
    return storage.currentPolicy();
  }

  /** The policy inside an issued version, as agents will read it. */
  public Policy read(IssuedPolicy issued) {
    try {
      return new PolicyVerifier(signer.publicKey()).verify(issued.signed().getBytes(StandardCharsets.UTF_8));
    } catch (PolicyProblems e) {
      throw new IllegalStateException("stored policy v" + issued.version() + " does not verify: " + e.getMessage(), e);
    }
  }

  /** Validates the draft, then issues it as the next version; nothing is stored when it is refused. */
  public IssuedPolicy set(JsonNode draft, Actor by) throws PolicyProblems {
    Policy checked = PolicyReader.draft(draft);
    return storage.issuePolicy(version -> {
      Policy issued = checked.issued(version, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
      byte[] signed = PolicySigner.encode(signer.sign(issued));
      return new IssuedPolicy(version, new String(signed, StandardCharsets.UTF_8), issued.issuedAt());
    }, by);
  }

  private static PolicyKey generate(Clock clock) {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      return new PolicyKey(pair.getPrivate().getEncoded(),
          EncodedPublicKey.fromSpki(pair.getPublic().getEncoded()).pem(), clock.instant());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK 15+ has Ed25519", e);
    }
  }

  private static PolicySigner signer(PolicyKey key) {
    try {
      return new PolicySigner(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(key.privateKey())),
          EncodedPublicKey.fromPem(key.publicKeyPem()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the stored policy key is not an Ed25519 key", e);
    }
  }
}
