package io.farmwatch.agent.bench;

import io.farmwatch.agent.platform.Platform;
import io.farmwatch.agent.probe.SessionProbe;
import io.farmwatch.agent.runtime.testing.Keytool;
import io.farmwatch.agent.runtime.testing.LoopbackCollector;
import io.farmwatch.agent.runtime.transport.CollectorClient;
import io.farmwatch.agent.runtime.transport.PinnedTrust;
import io.farmwatch.protocol.report.CollectorRtt;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * What the round-trip measurements add to an agent cycle: the timed {@code GET /healthz} on the
 * report's kept-alive TLS connection (CPU and allocation of the calling thread, wall time), and one
 * look at a remote-control listener's sessions (wall time, and the CPU of the {@code ss} child).
 * Run with {@code scripts/bench-rtt [CYCLES] [LOOKS]}.
 */
public final class RoundTripCost {

  private RoundTripCost() {}

  public static void main(String[] args) throws Exception {
    int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int looks = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    Path keys = Files.createTempDirectory("rtt-bench");
    Keytool.selfSigned(keys, "collector");
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    try (LoopbackCollector collector = LoopbackCollector.startTls(keys.resolve("collector.p12"))) {
      CollectorClient client = new CollectorClient(URI.create(collector.url()),
          PinnedTrust.fromPem(Files.readString(keys.resolve("collector.pem"))), Duration.ofSeconds(5), Duration.ofSeconds(10));
      byte[] report = "{}".getBytes(StandardCharsets.US_ASCII);
      long cpu = 0;
      long wall = 0;
      long allocated = 0;
      CollectorRtt last = null;
      for (int i = -cycles / 5; i < cycles; i++) {
        client.deliver(report);
        long c0 = threads.getCurrentThreadCpuTime();
        long a0 = threads.getCurrentThreadAllocatedBytes();
        long w0 = System.nanoTime();
        client.measureRoundTrip();
        last = client.takeRoundTrips();
        if (i >= 0) {
          wall += System.nanoTime() - w0;
          cpu += threads.getCurrentThreadCpuTime() - c0;
          allocated += threads.getCurrentThreadAllocatedBytes() - a0;
        }
      }
      System.out.printf("timed GET /healthz over TLS, %d cycles: %.1f us CPU, %.1f us wall, %.1f KB allocated per cycle;"
          + " last cycle's rtt %s%n", cycles, cpu / 1e3 / cycles, wall / 1e3 / cycles, allocated / 1024.0 / cycles, last);
    }
    try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
        Socket server = listener.accept()) {
      server.getOutputStream().write(1);
      client.getInputStream().read();
      SessionProbe probe = Platform.forThisMachine().sessionProbe();
      probe.established(Set.of(listener.getLocalPort()));
      long children0 = childrenCpuTicks();
      long w0 = System.nanoTime();
      int found = 0;
      for (int i = 0; i < looks; i++) {
        found += probe.established(Set.of(listener.getLocalPort())).size();
      }
      long wall = System.nanoTime() - w0;
      long ticks = childrenCpuTicks() - children0;
      System.out.printf("session look (%d looks, %d session(s) each): %.2f ms wall, %.2f ms child CPU per look%n",
          looks, found / looks, wall / 1e6 / looks, ticks * 10.0 / looks);
    }
  }

  /** cutime + cstime of this process from /proc/self/stat, in clock ticks (100 per second on Linux). */
  private static long childrenCpuTicks() throws java.io.IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[13]) + Long.parseLong(f[14]);
  }
}
