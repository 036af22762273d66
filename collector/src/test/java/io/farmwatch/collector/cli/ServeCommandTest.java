package io.farmwatch.collector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve} checks its whole command line before it opens a file, a port or a database. */
class ServeCommandTest {

  @TempDir Path tmp;

  record Run(int exit, List<String> errors) {}

  private Run serve(String... args) {
    CommandLine cli = CollectorMain.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    int exit = cli.execute(all);
    return new Run(exit, err.toString().lines().toList());
  }

  @Test
  void everyBadFlagIsNamedAtOnceAndNothingIsCreated() {
    Path data = tmp.resolve("data");
    Run run = serve("--data", data.toString(), "--listen", "127.0.0.1:http", "--retention", "soon",
        "--sink-syslog", "https://siem.example:514");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errors()).containsExactly(
        "farmwatch-collector: --listen: the port must be a number from 0 to 65535, not 'http'",
        "farmwatch-collector: --retention: a duration is a number and a unit (ms, s, m, h, d) like 90s, 5m, 12h"
            + " or 7d, or ISO-8601 like PT5M",
        "farmwatch-collector: --sink-syslog: must be udp://HOST:PORT or tcp://HOST:PORT");
    assertThat(data).doesNotExist();
  }

  @Test
  void storeSinkAndNetworkProblemsAreListedTogether() throws Exception {
    Path data = tmp.resolve("data");
    Path emptySecret = Files.createFile(tmp.resolve("secret"));
    Run run = serve("--data", data.toString(), "--db", "postgres://db/fw", "--listen", "127.0.0.1:70000",
        "--trusted-proxy", "10.0.0.0/99", "--office-egress", "203.0.113.0/24", "--tls-cert", "cert.pem",
        "--sink-webhook", "https://siem.example/hook", "--webhook-secret-file", emptySecret.toString(),
        "--silent-after", "0s");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errors()).hasSize(7).allSatisfy(line -> assertThat(line).startsWith("farmwatch-collector: --"));
    assertThat(String.join("\n", run.errors()))
        .contains("--db: must be a jdbc:postgresql: URL")
        .contains("--listen: the port must be a number from 0 to 65535, not '70000'")
        .contains("--trusted-proxy: '10.0.0.0/99' has a prefix outside 0-32")
        .contains("--tls-cert: needs the other of --tls-cert and --tls-key")
        .contains("--tls-cert: cert.pem does not exist or is not readable")
        .contains("--sink-webhook: the secret in " + emptySecret + " is empty")
        .contains("--silent-after: a duration must be longer than zero");
    assertThat(data).doesNotExist();
  }

  @Test
  void egressAndRoundTripOptionsAreCheckedWithTheRest() {
    Path data = tmp.resolve("data");
    Run run = serve("--data", data.toString(), "--company-vpn-exit", "0.0.0.0/0", "--company-vpn-exit", "10.8.0.0/16",
        "--shared-provider-devices", "1", "--collector-location", "Austin, US", "--rtt-min-days", "30",
        "--listen", "127.0.0.1:http");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(String.join("\n", run.errors()))
        .contains("--company-vpn-exit: company VPN exits: '0.0.0.0/0' is wider than a /8")
        .contains("'10.8.0.0/16' is a private block")
        .contains("--shared-provider-devices: must be at least 2, not 1")
        .contains("--collector-location: 'Austin, US' names")
        .contains("--rtt-min-days: round-trip minimum days must lie in 1-14")
        .contains("--listen: the port must be a number");
    assertThat(data).doesNotExist();
    assertThat(serve("--data", data.toString(), "--rtt-route-factor", "0.5", "--listen", "x").errors())
        .contains("farmwatch-collector: --rtt-last-mile, --rtt-route-factor: round-trip slack out of range: last mile 0-500 ms,"
            + " route factor 1-10, city radius 0-1000 km");
  }

  @Test
  void aWebhookWithoutSecretOrOverPlainHttpIsRefused() throws Exception {
    Path secret = Files.writeString(tmp.resolve("secret"), "s3cret\n");
    Run noSecret = serve("--data", tmp.resolve("a").toString(), "--sink-webhook", "https://siem.example/hook");
    Run missing = serve("--data", tmp.resolve("b").toString(), "--sink-webhook", "https://siem.example/hook",
        "--webhook-secret-file", tmp.resolve("missing").toString());
    Run plain = serve("--data", tmp.resolve("c").toString(), "--sink-webhook", "http://siem.example/hook",
        "--webhook-secret-file", secret.toString());

    assertThat(noSecret.errors())
        .containsExactly("farmwatch-collector: --sink-webhook: needs --webhook-secret-file so receivers can check alerts");
    assertThat(missing.errors()).containsExactly(
        "farmwatch-collector: --webhook-secret-file: " + tmp.resolve("missing") + " does not exist or is not readable");
    assertThat(plain.errors()).singleElement().asString()
        .startsWith("farmwatch-collector: --sink-webhook: the webhook URL must be https://");
    assertThat(List.of(tmp.resolve("a"), tmp.resolve("b"), tmp.resolve("c"))).allSatisfy(p -> assertThat(p).doesNotExist());
  }
}
