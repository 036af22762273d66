package io.farmwatch.agent.runtime.policy;

import io.farmwatch.agent.identity.DeviceIdentityStore;
import io.farmwatch.agent.runtime.transport.PolicyAnswer;
import io.farmwatch.protocol.envelope.EncodedPublicKey;
import io.farmwatch.protocol.policy.Policy;
import io.farmwatch.protocol.policy.PolicyProblems;
import io.farmwatch.protocol.policy.PolicyVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last good central policy, kept in the state folder as the collector signed it and verified
 * again whenever it is read, so a policy edited on disk is as refused as one tampered with on the
 * way. A fetched policy replaces it only when it verifies and is newer (PROTOCOL.md 7.3).
 */
public final class KeptPolicy {

  private static final Logger LOG = LoggerFactory.getLogger(KeptPolicy.class);
  public static final String FILE = "policy.json";

  /** A refresh: the policy to run on (if any) and, when something was refused, why. */
  public record Outcome(Optional<Policy> policy, String refusal) {}

  private final Path file;
  private final PolicyVerifier verifier;
  private Policy current;

  private KeptPolicy(Path file, PolicyVerifier verifier, Policy current) {
    this.file = file;
    this.verifier = verifier;
    this.current = current;
  }

  /** The kept policy of this state folder, or none when the file is missing or no longer verifies. */
  public static KeptPolicy open(Path stateDir, EncodedPublicKey policyKey) throws IOException {
    Path file = stateDir.resolve(FILE);
    PolicyVerifier verifier = new PolicyVerifier(policyKey);
    Policy kept = null;
    if (Files.exists(file)) {
      try {
        kept = verifier.verify(Files.readAllBytes(file));
      } catch (PolicyProblems e) {
        LOG.warn("{} is refused ({}); running on the local configuration until the collector sends a good one",
            file, e.getMessage());
      }
    }
    return new KeptPolicy(file, verifier, kept);
  }

  public Optional<Policy> current() {
    return Optional.ofNullable(current);
  }

  /**
   * Asks for a newer policy and takes it if it is good.
   *
   * @param fetch given the running version (0 for none), asks the collector for the policy
   */
  public Outcome refresh(LongFunction<PolicyAnswer> fetch) throws IOException {
    long running = current == null ? 0 : current.version();
    PolicyAnswer answer = fetch.apply(running);
    if (answer instanceof PolicyAnswer.Failed failed) {
      return new Outcome(current(), "could not fetch the policy: " + failed.reason());
    }
    if (!(answer instanceof PolicyAnswer.Fetched fetched)) {
      return new Outcome(current(), null);
    }
    Policy offered;
    try {
      offered = verifier.verify(fetched.signed());
    } catch (PolicyProblems e) {
      return refused(e.getMessage());
    }
    if (offered.version() <= running) {
      return refused("version: " + offered.version() + " is not above the running version " + running
          + " (a replayed older policy)");
    }
    DeviceIdentityStore.writeAtomically(file, fetched.signed());
    current = offered;
    LOG.info("central policy version {} applied", offered.version());
    return new Outcome(current(), null);
  }

  private Outcome refused(String reason) {
    LOG.warn("central policy refused, keeping version {}: {}", current == null ? "(none)" : current.version(), reason);
    return new Outcome(current(), "refused: " + reason);
  }
}
