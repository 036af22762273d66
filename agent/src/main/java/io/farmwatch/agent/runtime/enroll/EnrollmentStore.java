package io.farmwatch.agent.runtime.enroll;

import io.farmwatch.agent.identity.DeviceIdentityStore;
import io.farmwatch.protocol.ProtocolJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads and writes {@code enrollment.json} in the state folder. */
public final class EnrollmentStore {

  public static final String FILE = "enrollment.json";

  private final Path file;

  public EnrollmentStore(Path stateDir) {
    this.file = stateDir.resolve(FILE);
  }

  public Optional<Enrollment> load() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ProtocolJson.mapper().readValue(file.toFile(), Enrollment.class));
    } catch (IOException e) {
      throw new IOException(file + " is damaged (" + e.getMessage() + "); enroll again", e);
    }
  }

  public void save(Enrollment enrollment) throws IOException {
    DeviceIdentityStore.writeAtomically(
        file, ProtocolJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(enrollment));
  }
}
