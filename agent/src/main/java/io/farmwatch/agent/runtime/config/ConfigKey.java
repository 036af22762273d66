package io.farmwatch.agent.runtime.config;

import java.util.Arrays;
import java.util.List;

/**
 * Every key of the agent's YAML configuration, with the default and meaning docs/runtime.md shows
 * for it. The loader accepts exactly these keys and names them in its errors; ConfigDocumentationTest
 * holds the docs table to this one, row for row.
 */
public enum ConfigKey {
  COLLECTOR_URL("collector.url", "the enrolled URL",
      "collector base URL; set it to move an enrolled agent to a new collector"),
  COLLECTOR_ENROLL_TOKEN("collector.enrollToken", "—",
      "one-time enrollment token (silent enrollment)"),
  COLLECTOR_ALLOW_PLAIN_HTTP("collector.allowPlainHttp", "`false`",
      "permit `http://` to a non-loopback collector (labs only)"),
  COLLECTOR_TIMEOUT("collector.timeout", "`30s`",
      "how long one connect or one read may wait (min 1s)"),
  COLLECTOR_DEADLINE("collector.deadline", "`120s`",
      "how long a whole request may take: connect, send and the complete answer (min 1s); see [Transport](#transport)"),
  COLLECTOR_TLS_PINNED_CERTIFICATE("collector.tls.pinnedCertificate", "system trust",
      "PEM file with the CA or certificate(s) the collector's TLS must chain to; only those are trusted"),
  SCHEDULE_INTERVAL("schedule.interval", "`5m`",
      "time between collections (min 1s)"),
  SCHEDULE_JITTER("schedule.jitter", "`0.1`",
      "each wait is the interval × (1 ± jitter), so a fleet does not report in lock-step; `0 ≤ jitter < 1`"),
  RETRY_INITIAL_BACKOFF("retry.initialBackoff", "`30s`",
      "first retry delay after the collector was unreachable"),
  RETRY_MAX_BACKOFF("retry.maxBackoff", "`1h`",
      "cap of the doubling retry delay (≥ initialBackoff)"),
  SPOOL_MAX_BYTES("spool.maxBytes", "`50MB`",
      "spool size limit"),
  SPOOL_MAX_REPORTS("spool.maxReports", "`2016`",
      "spool count limit (a week at 5 minutes)"),
  PRIVACY_SEND_COMMAND_LINES("privacy.sendCommandLines", "`false`",
      "send process command lines in clear (otherwise hashed)"),
  PRIVACY_INPUT_SAMPLING("privacy.inputSampling", "`true`",
      "sample input timing, never content ([input.md](input.md)); `run --once` never samples"),
  DETECTION_ALLOWLIST("detection.allowlist", "`[]`",
      "sanctioned tools: a list of `{name, path, signer}`; every given field must match, at least one is required; a match turns a finding into `ALLOWED_TOOL` (INFO)"),
  DETECTION_CATALOG_DIRS("detection.catalogDirs", "`[]`",
      "folders of LOLRMM-format tool files added to the built-in catalog (see [detection.md](detection.md))"),
  LOGGING_DIR("logging.dir", "`<state>/logs`",
      "rolling log folder in service mode"),
  LOGGING_LEVEL("logging.level", "`INFO`",
      "`ERROR`, `WARN`, `INFO`, `DEBUG`, `TRACE` for FarmWatch's own loggers (libraries log at WARN)");

  private final String path;
  private final String defaultText;
  private final String meaning;

  ConfigKey(String path, String defaultText, String meaning) {
    this.path = path;
    this.defaultText = defaultText;
    this.meaning = meaning;
  }

  /** The dotted key, e.g. {@code collector.tls.pinnedCertificate}. */
  public String path() {
    return path;
  }

  /** The default as the docs show it. */
  public String defaultText() {
    return defaultText;
  }

  public String meaning() {
    return meaning;
  }

  /** The names a mapping at {@code prefix} (empty for the top level, else ending in a dot) may hold, in table order. */
  static List<String> namesUnder(String prefix) {
    return Arrays.stream(values()).map(ConfigKey::path).filter(p -> p.startsWith(prefix))
        .map(p -> p.substring(prefix.length()).split("\\.")[0]).distinct().toList();
  }
}
