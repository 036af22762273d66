package io.farmwatch.collector.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PROTOCOL.md promises that openssl, gzip and curl are enough to write an agent. This runs the shell
 * agent printed in its section 5, as printed, against the real collector.
 */
class ShellAgentIT {

  static final Path JAR = Path.of("target/farmwatch-collector.jar").toAbsolutePath();

  @TempDir Path tmp;

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Test
  void theDocumentedShellAgentEnrollsAndIsAccepted() throws Exception {
    String doc = Files.readString(Path.of("../collector-protocol/PROTOCOL.md"));
    Matcher m = Pattern.compile("## 5\\. A complete agent in shell\\s+```sh\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertThat(m.find()).as("PROTOCOL.md section 5 has a shell block").isTrue();
    String script = m.group(1);

    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path data = tmp.resolve("data");
    Process tokenCmd = new ProcessBuilder(java(), "-jar", JAR.toString(), "token", "create", "--data", data.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String[] lines = new String(tokenCmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().split("\n");
    assertThat(tokenCmd.waitFor()).isZero();
    String token = lines[lines.length - 1].strip();
    Path log = tmp.resolve("server.log");
    Process server = new ProcessBuilder(java(), "-jar", JAR.toString(), "serve", "--data", data.toString(),
        "--listen", "127.0.0.1:" + port).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      NetnsLabIT.waitForLog(log, "listening on");
      String adapted = script.replace("collector=http://127.0.0.1:8470", "collector=http://127.0.0.1:" + port)
          .replace("token=...", "token=" + token);
      Path file = Files.writeString(tmp.resolve("agent.sh"), "set -e\ncd " + tmp + "\n" + adapted);
      Process sh = new ProcessBuilder(List.of("bash", file.toString())).redirectErrorStream(true).start();
      String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(sh.waitFor()).as(out).isZero();
      assertThat(out).contains("\"status\":\"accepted\"").contains("\"sequence\":1");
    } finally {
      server.destroy();
      server.waitFor();
    }
  }
}
