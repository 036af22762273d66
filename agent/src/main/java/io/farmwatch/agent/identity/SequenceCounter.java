package io.farmwatch.agent.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The report sequence number, persisted before use so that it strictly increases across restarts
 * and crashes: the collector refuses any report whose sequence is not above the last it accepted.
 */
public final class SequenceCounter {

  public static final String FILE = "sequence";

  private final Path file;

  public SequenceCounter(Path stateDir) {
    this.file = stateDir.resolve(FILE);
  }

  /** Reserves and returns the next sequence number; it is on disk before this returns. */
  public synchronized long next() throws IOException {
    long next = current() + 1;
    DeviceIdentityStore.writeAtomically(file, (next + "\n").getBytes(StandardCharsets.US_ASCII));
    return next;
  }

  /**
   * Moves the counter forward to {@code target} (never back), so the next report goes above a
   * sequence the collector already holds; returns the counter's value afterwards.
   */
  public synchronized long skipTo(long target) throws IOException {
    long now = current();
    if (target > now) {
      DeviceIdentityStore.writeAtomically(file, (target + "\n").getBytes(StandardCharsets.US_ASCII));
      return target;
    }
    return now;
  }

  /** The last reserved sequence number, 0 before the first. */
  public synchronized long current() throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IOException(file + " holds '" + text + "', not a sequence number", e);
    }
  }
}
