package io.farmwatch.protocol.envelope;

/** A public key that is not an Ed25519 key in the expected encoding. */
public final class InvalidKeyFormatException extends IllegalArgumentException {
  public InvalidKeyFormatException(String message) {
    super(message);
  }
}
