package io.farmwatch.agent.runtime.enroll;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Fetches the collector's certificate and keeps it only if its SHA-256 is the pinned one: what the
 * Linux packages' farmwatch-agent-enroll-env does with openssl s_client, for installs that carry a
 * hash (an MSI property) rather than a PEM file. Nothing is trusted by this connection itself; the
 * PEM it returns becomes the enrollment's pinned certificate.
 */
public final class CertificateByHash {

  /** The collector presented a certificate whose hash is not the pinned one. */
  public static final class PinMismatchException extends IOException {
    PinMismatchException(String hostPort, String got, String want) {
      super("the certificate of " + hostPort + " has SHA-256 " + got + ", not the pinned " + want);
    }
  }

  private CertificateByHash() {}

  /** The PEM of the certificate the collector at {@code url} presents, if its SHA-256 is {@code sha256Hex}. */
  public static String fetch(URI url, String sha256Hex, Duration timeout) throws IOException {
    int port = url.getPort() > 0 ? url.getPort() : 443;
    String hostPort = url.getHost() + ":" + port;
    try {
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, new TrustManager[] {new AcceptAnyServer()}, null);
      try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket()) {
        socket.connect(new InetSocketAddress(url.getHost(), port), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        socket.startHandshake();
        Certificate leaf = socket.getSession().getPeerCertificates()[0];
        String got = sha256Hex(leaf);
        if (!got.equals(sha256Hex)) {
          throw new PinMismatchException(hostPort, got, sha256Hex);
        }
        return pem(leaf);
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot fetch the certificate of " + hostPort + ": " + e.getMessage(), e);
    }
  }

  static String sha256Hex(Certificate cert) throws GeneralSecurityException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
  }

  static String pem(Certificate cert) throws GeneralSecurityException {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(cert.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  /** Lets the handshake finish so the certificate can be hashed; the hash decides, not this. */
  private static final class AcceptAnyServer implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
