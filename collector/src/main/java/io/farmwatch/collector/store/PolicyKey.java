package io.farmwatch.collector.store;

/**
 * The collector's policy signing key as stored.
 *
 * @param privateKey PKCS#8 DER of the Ed25519 private key
 * @param publicKeyPem its public key as a PEM {@code PUBLIC KEY} block
 */
public record PolicyKey(byte[] privateKey, String publicKeyPem, java.time.Instant createdAt) {}
