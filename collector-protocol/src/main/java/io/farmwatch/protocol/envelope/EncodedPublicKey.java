package io.farmwatch.protocol.envelope;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An Ed25519 public key as bytes: its raw, DER and PEM encodings and its key ID, with no curve
 * arithmetic. What a signer needs; the agent uses only this, so it ships without a crypto library.
 * {@link DeviceKey} adds the decoded curve point the collector verifies with.
 */
public final class EncodedPublicKey {

  static final int RAW_BYTES = 32;
  /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): the 32 key bytes follow it. */
  private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
  private static final String PEM_BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String PEM_END = "-----END PUBLIC KEY-----";

  private final byte[] raw;
  private final String keyId;

  private EncodedPublicKey(byte[] raw) {
    this.raw = raw;
    this.keyId = computeKeyId(spki(raw));
  }

  /** The 32 raw key bytes; whether they are a curve point is {@link DeviceKey}'s to check. */
  public static EncodedPublicKey fromRaw(byte[] raw) {
    if (raw == null || raw.length != RAW_BYTES) {
      throw new InvalidKeyFormatException("an Ed25519 public key is 32 bytes");
    }
    return new EncodedPublicKey(raw.clone());
  }

  /** A DER SubjectPublicKeyInfo, the form {@code PublicKey.getEncoded()} returns. */
  public static EncodedPublicKey fromSpki(byte[] der) {
    if (der == null
        || der.length != SPKI_PREFIX.length + RAW_BYTES
        || !Arrays.equals(der, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
      throw new InvalidKeyFormatException("not an Ed25519 SubjectPublicKeyInfo (RFC 8410)");
    }
    return new EncodedPublicKey(Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length));
  }

  /** A PEM {@code PUBLIC KEY} block, as {@code openssl pkey -pubout} writes it. */
  public static EncodedPublicKey fromPem(String pem) {
    if (pem == null) {
      throw new InvalidKeyFormatException("no PEM given");
    }
    String text = pem.strip();
    if (!text.startsWith(PEM_BEGIN) || !text.endsWith(PEM_END)) {
      throw new InvalidKeyFormatException("expected a PEM block of type PUBLIC KEY");
    }
    String body = text.substring(PEM_BEGIN.length(), text.length() - PEM_END.length());
    try {
      return fromSpki(Base64.getMimeDecoder().decode(body));
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyFormatException("PEM body is not base64");
    }
  }

  public byte[] raw() {
    return raw.clone();
  }

  public byte[] spki() {
    return spki(raw);
  }

  public String pem() {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(spki());
    return PEM_BEGIN + "\n" + body + "\n" + PEM_END + "\n";
  }

  /**
   * The key's ID: the first 16 bytes of SHA-256 over the DER SubjectPublicKeyInfo, as 32 lower-case
   * hex digits. Reproducible with {@code openssl pkey -pubin -outform DER | sha256sum | cut -c1-32}.
   */
  public String keyId() {
    return keyId;
  }

  private static byte[] spki(byte[] raw) {
    byte[] der = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + raw.length);
    System.arraycopy(raw, 0, der, SPKI_PREFIX.length, raw.length);
    return der;
  }

  private static String computeKeyId(byte[] spki) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(spki);
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncodedPublicKey other && Arrays.equals(raw, other.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "EncodedPublicKey[" + keyId + "]";
  }
}
