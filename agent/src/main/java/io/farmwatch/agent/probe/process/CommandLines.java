package io.farmwatch.agent.probe.process;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Command lines can hold secrets and personal data; by default only their hash leaves the laptop. */
public final class CommandLines {

  private CommandLines() {}

  public static String sha256(String commandLine) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(commandLine.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
