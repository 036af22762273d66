package io.farmwatch.collector.correlate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Alert ids: a readable prefix and the SHA-256 of the alert's kind and its whole key. Keys hold
 * agent-chosen text (a hardware fingerprint), so the id must neither carry it raw (it may hold
 * {@code /}, {@code ?} or {@code #}) nor cut it short (two keys with one prefix would merge).
 */
public final class AlertIds {

  /** 128 bits: collisions need about 2^64 alerts. */
  private static final int HASH_BYTES = 16;

  private AlertIds() {}

  /** The ID of the alert of this kind with this key. */
  public static String of(AlertKind kind, String... keyParts) {
    return of(kind.idPrefix(), kind.name(), keyParts);
  }

  /** {@code prefix-HEX}, HEX the first 128 bits of SHA-256 over kind and key parts, NUL-separated. */
  static String of(String prefix, String kind, String... keyParts) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    sha.update(kind.getBytes(StandardCharsets.UTF_8));
    for (String part : keyParts) {
      // The separator keeps ("ab", "c") and ("a", "bc") apart.
      sha.update((byte) 0);
      sha.update(part.getBytes(StandardCharsets.UTF_8));
    }
    byte[] digest = sha.digest();
    return prefix + "-" + HexFormat.of().formatHex(digest, 0, HASH_BYTES);
  }
}
