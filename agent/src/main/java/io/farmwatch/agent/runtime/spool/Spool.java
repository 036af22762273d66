package io.farmwatch.agent.runtime.spool;

import io.farmwatch.agent.identity.DeviceIdentityStore;
import io.farmwatch.agent.identity.StateFolder;
import io.farmwatch.agent.runtime.config.SpoolLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk queue of signed envelopes not yet acknowledged by the collector.
 *
 * <p>Every report goes through the spool, delivered or not: it is on disk (written, fsynced,
 * renamed) before the first send attempt, and removed only after the collector acknowledged it, so
 * a kill -9 at any moment loses nothing. A resend after a lost acknowledgement is answered 409
 * "replayed" and counts as delivered.
 *
 * <p>File names are {@code <sequence, 20 digits>-<carried drops>.envelope}; the sequence orders
 * them, so sending in name order is sending oldest first, which the collector requires (it refuses
 * a sequence not above the last it accepted).
 *
 * <p>When full, the oldest report is dropped and counted. Each drop is carried by exactly one later
 * report ({@code agent.droppedReports}); if that carrier is itself dropped or rejected, its count
 * moves on to the next report, so the sum over all accepted reports is exactly the number lost.
 * Not thread-safe: one run loop owns the spool.
 */
public final class Spool {

  public static final String DIR = "spool";
  private static final String COUNTERS = "drops";
  private static final Pattern NAME = Pattern.compile("(\\d{20})-(\\d+)\\.envelope");
  private static final Logger LOG = LoggerFactory.getLogger(Spool.class);

  private final Path dir;
  private final SpoolLimits limits;
  private final List<SpooledReport> entries;
  private long pendingDrops;
  private long totalDrops;

  private Spool(Path dir, SpoolLimits limits, List<SpooledReport> entries, long pending, long total) {
    this.dir = dir;
    this.limits = limits;
    this.entries = entries;
    this.pendingDrops = pending;
    this.totalDrops = total;
  }

  /** Opens the spool under the state folder, clearing writes a crash left half done. */
  public static Spool open(Path stateDir, SpoolLimits limits) throws IOException {
    Path dir = stateDir.resolve(DIR);
    if (Files.isSymbolicLink(dir)) {
      throw new StateFolder.UnsafeStateFolderException(dir, "the spool is a symbolic link, not a folder of its own");
    }
    Files.createDirectories(dir);
    List<SpooledReport> entries = scan(dir, true);
    long[] counters = readCounters(dir.resolve(COUNTERS));
    return new Spool(dir, limits, entries, counters[0], counters[1]);
  }

  /**
   * Reads the spool's state without changing anything, so {@code status} can look while a run loop
   * is writing.
   */
  public static SpoolSnapshot inspect(Path stateDir) throws IOException {
    Path dir = stateDir.resolve(DIR);
    if (!Files.isDirectory(dir)) {
      return new SpoolSnapshot(0, 0, 0, 0, null);
    }
    List<SpooledReport> entries = scan(dir, false);
    long[] counters = readCounters(dir.resolve(COUNTERS));
    long bytes = entries.stream().mapToLong(SpooledReport::size).sum();
    Long oldest = entries.isEmpty() ? null : entries.get(0).sequence();
    return new SpoolSnapshot(entries.size(), bytes, counters[0], counters[1], oldest);
  }

  private static List<SpooledReport> scan(Path dir, boolean owner) throws IOException {
    List<SpooledReport> entries = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        Matcher m = NAME.matcher(name);
        if (m.matches() && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          // A link or folder under an envelope's name was planted: never read or send through it.
          if (owner) {
            LOG.warn("ignoring {}: not a regular file", file);
          }
        } else if (m.matches()) {
          try {
            entries.add(new SpooledReport(file, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Files.size(file)));
          } catch (NoSuchFileException e) {
            // Acknowledged by the run loop while we looked.
          }
        } else if (owner && name.endsWith(".tmp")) {
          // Never renamed into place, so never reported as spooled: safe to discard.
          Files.deleteIfExists(file);
        } else if (owner && !name.equals(COUNTERS) && !name.endsWith(".tmp")) {
          LOG.warn("ignoring unexpected file in spool: {}", file);
        }
      }
    }
    entries.sort(Comparator.comparingLong(SpooledReport::sequence));
    return entries;
  }

  /**
   * Drops the oldest reports until one more of {@code expectedBytes} fits, and returns the drop
   * count the next report must carry.
   */
  public long makeRoom(long expectedBytes) throws IOException {
    while (!entries.isEmpty()
        && (entries.size() + 1 > limits.maxReports() || bytes() + expectedBytes > limits.maxBytes())) {
      drop(entries.get(0));
    }
    return pendingDrops;
  }

  /**
   * Adds a signed envelope whose report carries {@code carriedDrops}; on return it is durable.
   * A report larger than the whole spool is still kept alone, rather than lost.
   */
  public SpooledReport add(long sequence, long carriedDrops, byte[] envelope) throws IOException {
    if (!entries.isEmpty() && sequence <= entries.get(entries.size() - 1).sequence()) {
      throw new IllegalArgumentException("sequence " + sequence + " is not above the spool's newest");
    }
    Path file = dir.resolve(String.format("%020d-%d.envelope", sequence, carriedDrops));
    DeviceIdentityStore.writeAtomically(file, envelope);
    SpooledReport entry = new SpooledReport(file, sequence, carriedDrops, envelope.length);
    entries.add(entry);
    pendingDrops = Math.max(0, pendingDrops - carriedDrops);
    writeCounters();
    while (entries.size() > 1 && bytes() > limits.maxBytes()) {
      drop(entries.get(0));
    }
    return entry;
  }

  /** Oldest first. */
  public List<SpooledReport> pending() {
    return List.copyOf(entries);
  }

  /** Removes a report the collector acknowledged. */
  public void acknowledge(SpooledReport report) throws IOException {
    delete(report);
  }

  /**
   * Removes a report the collector will never accept. Its carried drop count goes back to the
   * pending count, since the collector never saw it.
   */
  public void discard(SpooledReport report) throws IOException {
    pendingDrops += report.carriedDrops();
    writeCounters();
    delete(report);
  }

  /** Empties the spool, e.g. when the device enrolls again under a new identity. */
  public int clear() throws IOException {
    int n = entries.size();
    for (SpooledReport report : List.copyOf(entries)) {
      delete(report);
    }
    pendingDrops = 0;
    writeCounters();
    return n;
  }

  public int depth() {
    return entries.size();
  }

  public long bytes() {
    long sum = 0;
    for (SpooledReport e : entries) {
      sum += e.size();
    }
    return sum;
  }

  /** Drops not yet carried by any spooled or delivered report. */
  public long pendingDrops() {
    return pendingDrops;
  }

  /** All reports ever dropped because the spool was full. */
  public long totalDrops() {
    return totalDrops;
  }

  /** Size of the newest report, a fair guess for the next one. */
  public long newestSize() {
    return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).size();
  }

  private void drop(SpooledReport oldest) throws IOException {
    // Counted before deleting: a crash in between overcounts one drop rather than hiding one.
    pendingDrops += 1 + oldest.carriedDrops();
    totalDrops++;
    writeCounters();
    delete(oldest);
    LOG.warn("spool full ({} reports, {} bytes): dropped report {}", entries.size(), bytes(), oldest.sequence());
  }

  private void delete(SpooledReport report) throws IOException {
    try {
      Files.delete(report.file());
    } catch (NoSuchFileException e) {
      // Already gone: acknowledging twice is harmless.
    }
    entries.remove(report);
  }

  private void writeCounters() throws IOException {
    DeviceIdentityStore.writeAtomically(
        dir.resolve(COUNTERS), (pendingDrops + " " + totalDrops + "\n").getBytes(StandardCharsets.US_ASCII));
  }

  private static long[] readCounters(Path file) throws IOException {
    if (!Files.exists(file)) {
      return new long[] {0, 0};
    }
    String[] parts = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ");
    try {
      return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    } catch (RuntimeException e) {
      LOG.warn("{} is damaged ('{}'); drop counts restart at 0", file, String.join(" ", parts));
      return new long[] {0, 0};
    }
  }
}
