package io.farmwatch.protocol.envelope;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A device's Ed25519 public key, decoded once so that verifying many reports from the same device
 * does not decompress the curve point every time. Every factory rejects bytes that are not a valid
 * public key point.
 */
public final class DeviceKey {

  private final EncodedPublicKey encoded;
  private final Ed25519.PublicPoint point;

  private DeviceKey(EncodedPublicKey encoded, Ed25519.PublicPoint point) {
    this.encoded = encoded;
    this.point = point;
  }

  /** Decodes the key's curve point; rejects points that are not valid public keys. */
  public static DeviceKey of(EncodedPublicKey encoded) {
    Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(encoded.raw(), 0);
    if (point == null) {
      throw new InvalidKeyFormatException("not a valid Ed25519 public key point");
    }
    return new DeviceKey(encoded, point);
  }

  public static DeviceKey fromRaw(byte[] raw) {
    return of(EncodedPublicKey.fromRaw(raw));
  }

  public static DeviceKey fromSpki(byte[] der) {
    return of(EncodedPublicKey.fromSpki(der));
  }

  public static DeviceKey fromPem(String pem) {
    return of(EncodedPublicKey.fromPem(pem));
  }

  public EncodedPublicKey encoded() {
    return encoded;
  }

  public byte[] raw() {
    return encoded.raw();
  }

  public byte[] spki() {
    return encoded.spki();
  }

  public String pem() {
    return encoded.pem();
  }

  /** See {@link EncodedPublicKey#keyId()}. */
  public String keyId() {
    return encoded.keyId();
  }

  /** Whether the 64-byte Ed25519 signature holds over the whole message. */
  public boolean verifies(byte[] signature, byte[] message) {
    return signature.length == 64 && verify(signature, message, 0, message.length);
  }

  boolean verify(byte[] signature, byte[] message, int offset, int length) {
    return Ed25519.verify(signature, 0, point, message, offset, length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeviceKey other && encoded.equals(other.encoded);
  }

  @Override
  public int hashCode() {
    return encoded.hashCode();
  }

  @Override
  public String toString() {
    return "DeviceKey[" + keyId() + "]";
  }
}
