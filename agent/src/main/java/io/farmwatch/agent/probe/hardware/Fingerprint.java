package io.farmwatch.agent.probe.hardware;

import io.farmwatch.protocol.report.DiskIdentity;
import io.farmwatch.protocol.report.NicIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The hardware fingerprint: SHA-256 (hex) over
 * {@code vendor|model|serial|hardwareUuid|baseboardSerial|cpuIdentifier|disk serials|permanent MACs},
 * absent values as empty strings, disk serials and MACs sorted and comma-joined. Nothing in it
 * changes with the network, the OS installation or the agent's state.
 */
public final class Fingerprint {

  private Fingerprint() {}

  public static String of(String vendor, String model, String serial, String uuid,
      String baseboardSerial, String cpuIdentifier, List<DiskIdentity> disks, List<NicIdentity> nics) {
    String diskSerials = disks.stream().map(DiskIdentity::serial).filter(Objects::nonNull).sorted()
        .collect(Collectors.joining(","));
    String macs = nics.stream().map(NicIdentity::permanentMac).filter(Objects::nonNull).sorted()
        .collect(Collectors.joining(","));
    String input = String.join("|", blank(vendor), blank(model), blank(serial), blank(uuid),
        blank(baseboardSerial), blank(cpuIdentifier), diskSerials, macs);
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String blank(String s) {
    return s == null ? "" : s;
  }
}
