package io.farmwatch.protocol.policy;

/**
 * A policy as it travels (PROTOCOL.md §7.2): the exact bytes of its JSON, signed by the collector's
 * policy key. Like the report envelope, the signature covers bytes carried beside it, so no
 * canonical JSON is needed: {@code base64 -d} and {@code openssl pkeyutl -verify} check it.
 *
 * @param v format version, {@link #VERSION}
 * @param keyId the policy key's ID, computed like a device key's
 * @param policy standard base64 of the policy's UTF-8 JSON bytes
 * @param signature standard base64 of the 64-byte Ed25519 signature over those bytes
 */
public record SignedPolicy(int v, String keyId, String policy, String signature) {

  public static final int VERSION = 1;
}
