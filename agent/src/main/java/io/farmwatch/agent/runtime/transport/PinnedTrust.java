package io.farmwatch.agent.runtime.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS that trusts only the pinned CA or certificate(s), not the system store: a corporate or
 * hostile TLS-inspecting proxy on the laptop's network then cannot read or alter telemetry.
 * Hostname verification stays on.
 */
public final class PinnedTrust {

  private PinnedTrust() {}

  /** Builds a TLS context trusting exactly the certificates in {@code pem}. */
  public static SSLContext fromPem(String pem) throws IOException {
    try {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      if (certs.isEmpty()) {
        throw new IOException("the pinned PEM holds no certificate");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate cert : certs) {
        store.setCertificateEntry("pinned-" + i++, cert);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("the pinned PEM is not a usable X.509 certificate: " + e.getMessage(), e);
    }
  }
}
