package io.farmwatch.agent.identity;

import io.farmwatch.protocol.envelope.EncodedPublicKey;
import io.farmwatch.protocol.envelope.EnvelopeSigner;
import java.security.PrivateKey;

/** The device's key pair and a signer bound to it. */
public record DeviceCredentials(PrivateKey privateKey, EncodedPublicKey publicKey, EnvelopeSigner signer) {}
