package io.farmwatch.collector.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns alert cursors into the opaque strings clients hold and back. A string is the cursor's
 * fields and an HMAC-SHA256 over them under a key kept in the database, so every collector sharing
 * it reads every other's cursors, and a garbled or hand-made cursor is refused rather than run.
 */
public final class AlertCursors {

  /** Longest cursor string read; an alert ID of a few hundred characters still fits. */
  public static final int MAX_LENGTH = 1024;
  private static final int MAC_BYTES = 16;

  private final SecretKeySpec key;

  public AlertCursors(byte[] key) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  public String encode(AlertCursor c) {
    byte[] fields = (c.sort().name() + "|" + c.severityRank() + "|" + c.lastSeenMillis() + "|" + c.alertId())
        .getBytes(StandardCharsets.UTF_8);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(fields) + "." + b64.encodeToString(mac(fields));
  }

  /** The cursor {@code token} stands for, which must be one for {@code sort}'s order. */
  public AlertCursor decode(String token, AlertSort sort) {
    if (token.length() > MAX_LENGTH) {
      throw new InvalidAlertQuery("cursor", "is longer than " + MAX_LENGTH + " characters");
    }
    int dot = token.indexOf('.');
    byte[] fields;
    byte[] mac;
    try {
      fields = Base64.getUrlDecoder().decode(token.substring(0, Math.max(dot, 0)));
      mac = Base64.getUrlDecoder().decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw garbled();
    }
    if (dot < 0 || !MessageDigest.isEqual(mac, mac(fields))) {
      throw garbled();
    }
    String[] parts = new String(fields, StandardCharsets.UTF_8).split("\\|", 4);
    AlertCursor cursor = new AlertCursor(AlertSort.valueOf(parts[0]), Integer.parseInt(parts[1]),
        Long.parseLong(parts[2]), parts[3]);
    if (cursor.sort() != sort) {
      throw new InvalidAlertQuery("cursor", "continues a list sorted by " + cursor.sort() + ", not " + sort);
    }
    return cursor;
  }

  private static InvalidAlertQuery garbled() {
    return new InvalidAlertQuery("cursor", "is not one this collector gave out");
  }

  private byte[] mac(byte[] fields) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(key);
      return Arrays.copyOf(m.doFinal(fields), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is in every JDK", e);
    }
  }
}
