package io.farmwatch.collector.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/** Turns the PEM files operators have (certificate chain, PKCS#8 key) into a key store for Jetty. */
final class PemKeyStore {

  static final char[] PASSWORD = new char[0];

  private PemKeyStore() {}

  static KeyStore load(Path certificatePem, Path keyPem) throws IOException {
    try {
      Certificate[] chain = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certificatePem)))
          .toArray(Certificate[]::new);
      if (chain.length == 0) {
        throw new IOException(certificatePem + " holds no certificate");
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("farmwatch", privateKey(keyPem), PASSWORD, chain);
      return store;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load TLS material from " + certificatePem + " and " + keyPem
          + ": " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path keyPem) throws IOException {
    String text = Files.readString(keyPem);
    if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new IOException(keyPem + " must hold a PKCS#8 'PRIVATE KEY' block"
          + " (convert with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8)");
    }
    String body = text.substring(text.indexOf("-----BEGIN PRIVATE KEY-----") + 27,
        text.indexOf("-----END PRIVATE KEY-----")).replaceAll("\\s", "");
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body));
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // Try the next algorithm: PKCS#8 names it inside, but KeyFactory needs it up front.
      }
    }
    throw new IOException(keyPem + " is not an RSA, EC or Ed25519 private key");
  }
}
