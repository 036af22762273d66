package io.farmwatch.agent.runtime.config;

import io.farmwatch.agent.detect.Allowlist;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The agent's validated configuration (one YAML file; see docs/runtime.md for every key).
 *
 * @param collectorUrl overrides the URL recorded at enrollment; null to use the enrolled one
 * @param enrollToken one-time enrollment token, so an MDM can enroll silently; null if not given
 * @param allowPlainHttp permits http:// to non-loopback collectors (labs and tests only)
 * @param pinnedCertificate PEM file with the CA or certificate the collector's TLS must chain to,
 *     instead of the system trust store; null for system trust
 * @param requestTimeout how long one connect or read of an HTTP exchange may wait
 * @param requestDeadline how long one whole HTTP exchange (connect, send, complete answer) may take
 * @param interval time between two collections
 * @param jitter fraction of the interval by which each wait is randomly shortened or lengthened,
 *     so a fleet rebooted together does not report in lock-step
 * @param initialBackoff first retry delay after the collector could not be reached
 * @param maxBackoff cap of the exponential retry delay
 * @param logDir where service mode writes its rolling log; null for {@code <state>/logs}
 */
public record AgentConfig(
    URI collectorUrl,
    String enrollToken,
    boolean allowPlainHttp,
    Path pinnedCertificate,
    Duration requestTimeout,
    Duration requestDeadline,
    Duration interval,
    double jitter,
    Duration initialBackoff,
    Duration maxBackoff,
    SpoolLimits spool,
    Privacy privacy,
    List<Allowlist.Entry> allowlist,
    List<Path> catalogDirs,
    Path logDir,
    String logLevel) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
  public static final double DEFAULT_JITTER = 0.1;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** Time to upload the largest envelope (2.8 MB) at about 256 kbit/s, and get its answer. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(120);
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(30);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofHours(1);

  public AgentConfig {
    allowlist = List.copyOf(allowlist);
    catalogDirs = List.copyOf(catalogDirs);
  }

  /** The configuration when no file is given. */
  public static AgentConfig defaults() {
    return new AgentConfig(
        null,
        null,
        false,
        null,
        DEFAULT_TIMEOUT,
        DEFAULT_DEADLINE,
        DEFAULT_INTERVAL,
        DEFAULT_JITTER,
        DEFAULT_INITIAL_BACKOFF,
        DEFAULT_MAX_BACKOFF,
        SpoolLimits.DEFAULT,
        Privacy.DEFAULT,
        List.of(),
        List.of(),
        null,
        "INFO");
  }
}
