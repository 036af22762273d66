package io.farmwatch.collector.cli;

import io.farmwatch.collector.store.Actor;
import io.farmwatch.collector.store.Storage;
import java.time.Instant;
import picocli.CommandLine.Command;

/** Device administration. */
@Command(name = "device", mixinStandardHelpOptions = true, description = "Manage enrolled devices.",
    subcommands = {DeviceCommand.Revoke.class})
final class DeviceCommand {

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke a device: its reports are refused from now on (403 revoked_device).")
  static final class Revoke extends RevokeCommand {
    @Override
    String what() {
      return "active device";
    }

    @Override
    boolean revoke(Storage storage, String id, Instant now, Actor by) {
      return storage.revokeDevice(id, now, by);
    }
  }
}
