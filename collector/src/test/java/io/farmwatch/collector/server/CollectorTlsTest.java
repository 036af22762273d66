package io.farmwatch.collector.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.farmwatch.collector.store.sqlite.SqliteStorage;
import java.io.FileInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector serves TLS from the PEM files operators have, and nothing else. */
class CollectorTlsTest {

  /**
   * Only against a hung server: the JDK's connect timeout also covers the TLS handshake, which has
   * taken over 3 s on a loaded test machine.
   */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path tmp;

  static void openssl(Path dir, String san) throws Exception {
    Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
        "ec_paramgen_curve:P-256", "-nodes", "-keyout", dir.resolve("key.pem").toString(), "-out",
        dir.resolve("cert.pem").toString(), "-days", "2", "-subj", "/CN=collector", "-addext",
        "subjectAltName=" + san).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  static HttpClient trusting(Path certPem) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (FileInputStream in = new FileInputStream(certPem.toFile())) {
      trust.setCertificateEntry("collector", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).connectTimeout(CONNECT_TIMEOUT).build();
  }

  @Test
  void servesHttpsOnlyWithThePemCertificate() throws Exception {
    openssl(tmp, "IP:127.0.0.1");
    ServerSettings settings = new ServerSettings("127.0.0.1", 0, tmp.resolve("cert.pem"), tmp.resolve("key.pem"),
        false, List.of(), Duration.ofMinutes(5), Duration.ofDays(30));
    try (CollectorApp app = new CollectorApp(SqliteStorage.open(tmp), settings, Duration.ofDays(90), Clock.systemUTC())) {
      assertThat(app.server().listeningPorts()).as("no plain-HTTP connector beside the TLS one").hasSize(1);
      String url = app.server().url("127.0.0.1");
      assertThat(url).startsWith("https://");
      HttpResponse<String> ok = trusting(tmp.resolve("cert.pem")).send(
          HttpRequest.newBuilder(URI.create(url + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(200);
      HttpClient systemTrust = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
      assertThatThrownBy(() -> systemTrust.send(HttpRequest.newBuilder(URI.create(url + "/healthz")).build(),
          HttpResponse.BodyHandlers.ofString())).hasStackTraceContaining("PKIX");
    }
  }

  @Test
  void refusesPlainHttpOffLoopbackWithoutTheSwitch() {
    ServerSettings settings = new ServerSettings("0.0.0.0", 0, null, null, false, List.of(),
        Duration.ofMinutes(5), Duration.ofDays(30));
    try (SqliteStorage storage = SqliteStorage.open(tmp)) {
      assertThatThrownBy(() -> new CollectorApp(storage, settings, Duration.ofDays(90), Clock.systemUTC()))
          .hasMessageContaining("refusing plain HTTP on 0.0.0.0");
    }
  }
}
