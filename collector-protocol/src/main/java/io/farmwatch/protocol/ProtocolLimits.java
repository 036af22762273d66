package io.farmwatch.protocol;

/** Size limits both ends enforce. A typical report is about 8 KB; these leave ample headroom. */
public final class ProtocolLimits {

  /** Largest report payload (the JSON bytes that are signed). */
  public static final int MAX_PAYLOAD_BYTES = 2 * 1024 * 1024;

  /** Largest envelope: the payload in base64 (4/3) plus the small envelope fields. */
  public static final int MAX_ENVELOPE_BYTES = MAX_PAYLOAD_BYTES / 3 * 4 + 16 * 1024;

  /** Largest request body the collector inflates a gzip upload to. */
  public static final int MAX_INFLATED_BODY_BYTES = MAX_ENVELOPE_BYTES;

  /** The envelope format version this code reads and writes. */
  public static final int ENVELOPE_VERSION = 1;

  private ProtocolLimits() {}
}
