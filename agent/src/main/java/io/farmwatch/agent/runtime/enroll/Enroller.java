package io.farmwatch.agent.runtime.enroll;

import io.farmwatch.agent.identity.DeviceCredentials;
import io.farmwatch.agent.identity.DeviceIdentityStore;
import io.farmwatch.agent.runtime.config.SpoolLimits;
import io.farmwatch.agent.runtime.spool.Spool;
import io.farmwatch.agent.runtime.status.AgentStatus;
import io.farmwatch.agent.runtime.status.StatusStore;
import io.farmwatch.agent.runtime.transport.CollectorRefusedException;
import io.farmwatch.agent.runtime.transport.CollectorSettings;
import io.farmwatch.agent.runtime.transport.EnrollRequest;
import io.farmwatch.agent.runtime.transport.Enrolled;
import io.farmwatch.agent.runtime.transport.PlainHttpRefusedException;
import io.farmwatch.agent.scan.ReportAssembler;
import io.farmwatch.protocol.BuildInfo;
import io.farmwatch.protocol.report.Report;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrolls the device with a collector: sends its public key (never the private one), hardware
 * fingerprint and version with the one-time token, and records the answer in the state folder.
 */
public final class Enroller {

  private static final Logger LOG = LoggerFactory.getLogger(Enroller.class);

  private final Path stateDir;
  private final Clock clock;

  public Enroller(Path stateDir, Clock clock) {
    this.stateDir = stateDir;
    this.clock = clock;
  }

  /** Thrown when the device is enrolled already and the caller did not ask to enroll again. */
  public static final class AlreadyEnrolledException extends Exception {
    public AlreadyEnrolledException(String deviceId) {
      super("already enrolled as " + deviceId + "; pass --force to enroll again");
    }
  }

  public Enrollment enroll(CollectorSettings collector, String token, boolean force)
      throws IOException, CollectorRefusedException, PlainHttpRefusedException, AlreadyEnrolledException {
    DeviceIdentityStore identity = DeviceIdentityStore.open(stateDir);
    StateFolderAccess.restrict(stateDir);
    Optional<String> existing = identity.deviceId();
    if (existing.isPresent() && !force) {
      throw new AlreadyEnrolledException(existing.get());
    }
    DeviceCredentials credentials = identity.credentials();
    Report report = new ReportAssembler(clock).assemble(null, 0);
    String fingerprint = report.hardware() == null ? null : report.hardware().fingerprint();
    String hostname = report.device() == null ? null : report.device().hostname();
    EnrollRequest request =
        new EnrollRequest(token, credentials.publicKey().pem(), fingerprint, BuildInfo.version(), hostname);

    Enrolled answer = collector.connect().enroll(request);
    String deviceId = answer.deviceId();

    if (existing.isPresent()) {
      // Envelopes signed for the old identity would only be refused under the new one.
      int cleared = Spool.open(stateDir, SpoolLimits.DEFAULT).clear();
      LOG.info("re-enrolled: was {}, discarded {} spooled report(s) of the old identity", existing.get(), cleared);
    }
    Enrollment enrollment =
        new Enrollment(
            collector.url(), deviceId, clock.instant(), collector.allowPlainHttp(), collector.pinnedCertificatePem(),
            answer.policyKeyPem());
    new EnrollmentStore(stateDir).save(enrollment);
    identity.saveDeviceId(deviceId);
    new StatusStore(stateDir).save(AgentStatus.EMPTY);
    LOG.info("enrolled with {} as device {}", collector.url(), deviceId);
    return enrollment;
  }
}
