package io.farmwatch.agent.runtime.status;

import io.farmwatch.agent.helper.service.HelperState;
import io.farmwatch.agent.identity.DeviceIdentityStore;
import io.farmwatch.protocol.ProtocolJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code session-helpers.json} in the state folder: the session helpers as the running service last
 * saw them, for {@code farmwatch-agent status}, which runs in another process.
 */
public final class HelperStatusStore {

  public static final String FILE = "session-helpers.json";
  private static final Logger LOG = LoggerFactory.getLogger(HelperStatusStore.class);

  /** The helpers whose state stood at {@code at}. */
  public record Helpers(Instant at, List<HelperState> helpers) {}

  private final Path file;
  private final Clock clock;

  public HelperStatusStore(Path stateDir, Clock clock) {
    this.file = stateDir.resolve(FILE);
    this.clock = clock;
  }

  /** Replaces the file; a failure costs only the status display, so it is logged, not thrown. */
  public void save(List<HelperState> helpers) {
    try {
      DeviceIdentityStore.writeAtomically(file, ProtocolJson.mapper().writerWithDefaultPrettyPrinter()
          .writeValueAsBytes(new Helpers(clock.instant(), helpers)));
    } catch (IOException e) {
      LOG.warn("cannot save the session helpers' state for status: {}", e.toString());
    }
  }

  /** What the service last saved; empty when it never did or the file is damaged. */
  public Optional<Helpers> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      Helpers h = ProtocolJson.mapper().readValue(file.toFile(), Helpers.class);
      return h == null || h.at() == null || h.helpers() == null ? Optional.empty() : Optional.of(h);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
