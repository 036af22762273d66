package io.farmwatch.agent.runtime.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The JDK's keytool on a PKCS#12 store named after the alias (password "changeit"), for TLS tests. */
public final class Keytool {

  private Keytool() {}

  public static void run(Path dir, String alias, String command, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-" + command, "-alias", alias,
        "-keystore", dir.resolve(alias + ".p12").toString(), "-storetype", "PKCS12", "-storepass", "changeit"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException("keytool " + command + " failed: " + out);
    }
  }

  /** A self-signed EC certificate for 127.0.0.1 and localhost in {@code alias.p12}, and its PEM in {@code alias.pem}. */
  public static void selfSigned(Path dir, String alias) throws IOException, InterruptedException {
    run(dir, alias, "genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2");
    run(dir, alias, "exportcert", "-rfc", "-file", dir.resolve(alias + ".pem").toString());
  }
}
