package io.farmwatch.collector.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab itself: laptops reach the internet segment through their home's NAT and gateway. */
class NetnsLabIT {

  @TempDir Path tmp;

  @Test
  void laptopsReachTheInternetThroughTheirHomesNat() throws Exception {
    try (NetnsLab lab = new NetnsLab("fwlab")) {
      NetnsLab.Home home = lab.addHome("h1", 1, 2);
      // A one-shot TCP listener in the internet namespace that prints the peer address it sees.
      Path log = tmp.resolve("listener.log");
      Process listener = lab.spawn(lab.internet(), List.of(javaBin(), "-cp", testClasses(),
          PeerEcho.class.getName(), NetnsLab.COLLECTOR_ADDRESS, "7001"), log);
      try {
        waitForLog(log, "listening");
        lab.exec(home.laptops().get(0), javaBin(), "-cp", testClasses(), PeerEcho.Client.class.getName(),
            NetnsLab.COLLECTOR_ADDRESS, "7001");
        assertThat(listener.waitFor()).isZero();
        assertThat(Files.readString(log)).contains("peer " + home.egressAddress());
        String neighbours = lab.exec(home.laptops().get(0), "ip", "neigh", "show", "192.168.1.1");
        assertThat(neighbours).contains(home.gatewayMac());
      } finally {
        listener.destroyForcibly();
      }
    }
  }

  /** Waits up to a minute: a JVM starting on a busy 2-core CI machine has taken over 15 s. */
  static void waitForLog(Path log, String text) throws IOException, InterruptedException {
    for (int i = 0; i < 600; i++) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("'" + text + "' never appeared in " + log + ": "
        + (Files.exists(log) ? Files.readString(log) : "(no log)"));
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String testClasses() {
    return Path.of("target/test-classes").toAbsolutePath().toString();
  }

  /** Accepts one connection and prints the address it came from. */
  public static final class PeerEcho {
    public static void main(String[] args) throws IOException {
      try (var server = new java.net.ServerSocket()) {
        server.bind(new InetSocketAddress(args[0], Integer.parseInt(args[1])));
        System.out.println("listening");
        try (var socket = server.accept()) {
          System.out.println("peer " + socket.getInetAddress().getHostAddress());
        }
      }
    }

    /** Connects once. */
    public static final class Client {
      public static void main(String[] args) throws IOException {
        try (var socket = new java.net.Socket(args[0], Integer.parseInt(args[1]))) {
          socket.getOutputStream().write(1);
        }
      }
    }
  }
}
