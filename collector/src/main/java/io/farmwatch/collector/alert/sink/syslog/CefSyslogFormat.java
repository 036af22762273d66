package io.farmwatch.collector.alert.sink.syslog;

import io.farmwatch.collector.alert.sink.SinkText;
import io.farmwatch.collector.correlate.Alert;
import io.farmwatch.protocol.BuildInfo;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

/**
 * RFC 5424 syslog messages carrying an ArcSight CEF payload, the form most SIEMs parse without
 * configuration.
 */
public final class CefSyslogFormat {

  /** Facility 10 (security/authorization), severity by alert. */
  static final int FACILITY = 10;

  private CefSyslogFormat() {}

  public static byte[] message(Alert a, String hostname) {
    int syslogSeverity = switch (a.severity()) {
      case CRITICAL -> 2;
      case HIGH -> 3;
      case MEDIUM -> 4;
      case LOW -> 5;
      default -> 6;
    };
    int cefSeverity = switch (a.severity()) {
      case CRITICAL -> 10;
      case HIGH -> 8;
      case MEDIUM -> 5;
      case LOW -> 3;
      default -> 1;
    };
    String cef = "CEF:0|FarmWatch|collector|" + header(BuildInfo.version()) + "|" + header(a.kind().name()) + "|"
        + header(a.kind() + " " + a.deviceIds().size() + " device(s)") + "|" + cefSeverity
        + "|externalId=" + ext(a.id()) + " cs1Label=deviceIds cs1=" + ext(String.join(",", a.deviceIds()))
        + " cfp1Label=score cfp1=" + a.score() + " msg=" + ext(a.summary());
    String line = "<" + (FACILITY * 8 + syslogSeverity) + ">1 "
        + DateTimeFormatter.ISO_INSTANT.format(a.lastSeen()) + " " + hostname + " farmwatch-collector - "
        + a.kind() + " - " + cef;
    return line.getBytes(StandardCharsets.UTF_8);
  }

  /** CEF header fields escape pipes and backslashes; controls and line separators never pass raw. */
  static String header(String s) {
    return SinkText.clean(s).replace("\\", "\\\\").replace("|", "\\|");
  }

  /** CEF extension values escape backslashes and equals signs; controls and line separators never pass raw. */
  static String ext(String s) {
    return SinkText.clean(s).replace("\\", "\\\\").replace("=", "\\=");
  }
}
