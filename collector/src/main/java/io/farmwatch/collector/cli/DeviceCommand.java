package io.farmwatch.collector.cli;

import io.farmwatch.collector.store.Actor;
import io.farmwatch.collector.store.Storage;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Device administration. */
@Command(name = "device", mixinStandardHelpOptions = true, description = "Manage enrolled devices.",
    subcommands = {DeviceCommand.Revoke.class})
final class DeviceCommand {

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke a device: its reports are refused from now on (403 revoked_device).")
  static final class Revoke implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(paramLabel = "DEVICE_ID")
    String deviceId;

    @Override
    public Integer call() throws Exception {
      try (Storage storage = store.open()) {
        if (!storage.revokeDevice(deviceId, Instant.now(), Actor.CLI)) {
          System.err.println("no active device with ID " + deviceId);
          return 1;
        }
        System.out.println("revoked " + deviceId);
      }
      return 0;
    }
  }
}
