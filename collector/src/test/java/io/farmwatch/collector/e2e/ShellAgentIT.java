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
 * agent printed in its section 5, and the policy fetch and check of its section 7.6, as printed,
 * against the real collector.
 */
class ShellAgentIT {

  static final Path JAR = Path.of("target/farmwatch-collector.jar").toAbsolutePath();

  @TempDir Path tmp;

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private String bash(String name, String script) throws Exception {
    Path file = Files.writeString(tmp.resolve(name), "set -e\ncd " + tmp + "\n" + script);
    Process sh = new ProcessBuilder(List.of("bash", file.toString())).redirectErrorStream(true).start();
    String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(sh.waitFor()).as(out).isZero();
    return out;
  }

  @Test
  void theDocumentedShellAgentEnrollsIsAcceptedAndVerifiesThePolicy() throws Exception {
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
      Path policy = Files.writeString(tmp.resolve("policy.yaml"), "allowlist:\n  - name: AnyDesk\n");
      Process set = new ProcessBuilder(java(), "-jar", JAR.toString(), "policy", "set", policy.toString(), "--data",
          data.toString()).redirectErrorStream(true).start();
      assertThat(set.waitFor()).as(new String(set.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
      String adapted = script.replace("collector=http://127.0.0.1:8470", "collector=http://127.0.0.1:" + port)
          .replace("token=...", "token=" + token);
      // Section 7.6 continues the same agent: fetch the policy set above and verify it with openssl.
      Matcher policySection = Pattern.compile("### 7\\.6 [^\\n]*\\n.*?```sh\\n(.*?)```", Pattern.DOTALL).matcher(doc);
      assertThat(policySection.find()).as("PROTOCOL.md 7.6 has a shell block").isTrue();
      String out = bash("agent.sh", adapted + "\n" + policySection.group(1) + "\ncat policy.json\n");
      assertThat(out).contains("\"status\":\"accepted\"").contains("\"sequence\":1");
      assertThat(out).contains("200\n").contains("Signature Verified Successfully")
          .contains("\"allowlist\":[{\"name\":\"AnyDesk\"}]");
      String fetchOnly = policySection.group(1).substring(policySection.group(1).indexOf("# Fetch"),
          policySection.group(1).indexOf("# Verify"));
      String again = bash("again.sh", "collector=http://127.0.0.1:" + port + "\ndevice_id=$(sed"
          + " 's/.*\"deviceId\":\"\\([^\"]*\\)\".*/\\1/' enrolled.json)\nrunning=1\n" + fetchOnly);
      assertThat(again.strip()).isEqualTo("304");
    } finally {
      server.destroy();
      server.waitFor();
    }
  }
}
