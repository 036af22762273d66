package io.farmwatch.agent.runtime.status;

import io.farmwatch.agent.identity.DeviceIdentityStore;
import io.farmwatch.protocol.ProtocolJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code status.json} in the state folder. */
public final class StatusStore {

  public static final String FILE = "status.json";

  private final Path file;

  public StatusStore(Path stateDir) {
    this.file = stateDir.resolve(FILE);
  }

  /** The last saved status; a damaged file reads as empty, it only feeds the status command. */
  public AgentStatus load() {
    if (!Files.exists(file)) {
      return AgentStatus.EMPTY;
    }
    try {
      AgentStatus status = ProtocolJson.mapper().readValue(file.toFile(), AgentStatus.class);
      return status == null ? AgentStatus.EMPTY : status;
    } catch (IOException e) {
      return AgentStatus.EMPTY;
    }
  }

  public void save(AgentStatus status) throws IOException {
    DeviceIdentityStore.writeAtomically(
        file, ProtocolJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(status));
  }
}
