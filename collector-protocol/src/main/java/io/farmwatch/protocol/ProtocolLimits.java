package io.farmwatch.protocol;

import static java.util.Map.entry;

import java.util.Map;

/**
 * Size limits both ends enforce. A typical report is about 8 KB; these leave ample headroom.
 *
 * <p>Every string and list a report carries is bounded here, per field; PROTOCOL.md §6 lists the
 * same values and a test holds the two together. The collector refuses a report over any of them
 * ({@code limit_exceeded}); the agent cuts its own reports to them and says what it cut.
 */
public final class ProtocolLimits {

  /** Largest report: its JSON bytes, and (version 2) also the gzip bytes that carry them. */
  public static final int MAX_PAYLOAD_BYTES = 2 * 1024 * 1024;

  /** Largest envelope: a payload in base64 (4/3) plus the small envelope fields. */
  public static final int MAX_ENVELOPE_BYTES = MAX_PAYLOAD_BYTES / 3 * 4 + 16 * 1024;

  /** Largest request body the collector inflates a gzip upload to. */
  public static final int MAX_INFLATED_BODY_BYTES = MAX_ENVELOPE_BYTES;

  /** The envelope format version agents write: the payload is the report's JSON in gzip. */
  public static final int ENVELOPE_VERSION = 2;

  /**
   * The first version, whose payload is the report's JSON as it is; collectors still read it from
   * agents that have not been upgraded, and from their spools.
   */
  public static final int ENVELOPE_VERSION_PLAIN = 1;

  /**
   * How far one report's sequence may lie above the last one accepted from its device. Without a
   * ceiling a single report at 2^63-1 would make every later report a replay; with it a device
   * needs 9 billion reports to run out.
   */
  public static final long MAX_SEQUENCE_STEP = 1_000_000_000L;

  /** Characters of any report string not named in {@link #STRING_CHARS}. */
  public static final int DEFAULT_STRING_CHARS = 256;

  /** Report strings allowed more than {@link #DEFAULT_STRING_CHARS}, by field path. */
  public static final Map<String, Integer> STRING_CHARS = Map.ofEntries(
      entry("processes[].path", 4096),
      entry("processes[].commandLine", 32768),
      entry("peripherals.usb[].location", 1024),
      entry("peripherals.usb[].parentLocation", 1024),
      entry("peripherals.inputDevices[].path", 4096),
      entry("hardware.virtualization.indications[]", 1024),
      entry("findings[].reason", 4096),
      entry("findings[].evidence", 4096),
      entry("unavailable[].source", 4096),
      entry("unavailable[].reason", 1024));

  /** Most items of each list a report carries, by field path; every list has one. */
  public static final Map<String, Integer> LIST_ITEMS = Map.ofEntries(
      entry("hardware.disks", 64),
      entry("hardware.nics", 64),
      entry("hardware.virtualization.indications", 64),
      entry("network.interfaces", 256),
      entry("network.interfaces[].addresses", 64),
      entry("network.routes", 2048),
      entry("network.defaultGateways", 16),
      entry("network.neighbors", 2048),
      entry("network.dnsServers", 32),
      entry("network.wifi", 16),
      entry("network.sockets", 8192),
      entry("processes", 4096),
      entry("peripherals.usb", 256),
      entry("peripherals.displays", 32),
      entry("peripherals.inputDevices", 256),
      entry("peripherals.inputDevices[].kinds", 16),
      entry("locale.userLocales", 64),
      entry("locale.keyboardLayouts", 64),
      entry("locale.inputMethods", 64),
      entry("input.minutes", 1440),
      entry("input.activeMinutesByHourUtc", 24),
      entry("findings", 256),
      entry("unavailable", 512));

  /** Values (strings, numbers, booleans) in one finding's evidence, counted through nested lists. */
  public static final int MAX_EVIDENCE_ENTRIES = 256;

  /** Objects and lists nested in one finding's evidence, the evidence object itself included. */
  public static final int MAX_EVIDENCE_DEPTH = 4;

  /** Characters of an evidence key. */
  public static final int MAX_EVIDENCE_KEY_CHARS = 64;

  /** What a field's value must look like beyond its length. */
  public enum Syntax {
    /** 6 to 20 octets as two lower-case hex digits each, colon-separated. */
    MAC,
    /** An IPv4 or IPv6 address, IPv6 with an optional {@code %zone}. */
    IP,
    /** An IP address, a {@code /}, and a prefix length. */
    CIDR
  }

  /** Report strings with a syntax, by field path. */
  public static final Map<String, Syntax> SYNTAX = Map.ofEntries(
      entry("hardware.nics[].permanentMac", Syntax.MAC),
      entry("hardware.nics[].currentMac", Syntax.MAC),
      entry("network.interfaces[].mac", Syntax.MAC),
      entry("network.interfaces[].permanentMac", Syntax.MAC),
      entry("network.interfaces[].addresses[]", Syntax.CIDR),
      entry("network.routes[].destination", Syntax.CIDR),
      entry("network.routes[].gateway", Syntax.IP),
      entry("network.defaultGateways[].address", Syntax.IP),
      entry("network.defaultGateways[].mac", Syntax.MAC),
      entry("network.neighbors[].address", Syntax.IP),
      entry("network.neighbors[].mac", Syntax.MAC),
      entry("network.dnsServers[]", Syntax.IP),
      entry("network.wifi[].bssid", Syntax.MAC));

  private ProtocolLimits() {}
}
