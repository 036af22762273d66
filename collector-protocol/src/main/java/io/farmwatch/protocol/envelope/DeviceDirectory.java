package io.farmwatch.protocol.envelope;

import java.util.Optional;

/** Looks up enrolled devices for the verifier. The collector backs it with its database. */
@FunctionalInterface
public interface DeviceDirectory {
  Optional<KnownDevice> find(String deviceId);
}
