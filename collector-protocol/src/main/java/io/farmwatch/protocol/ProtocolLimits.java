package io.farmwatch.protocol;

/** Size limits both ends enforce. A typical report is about 8 KB; these leave ample headroom. */
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

  private ProtocolLimits() {}
}
