package io.farmwatch.collector.bench;

import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.envelope.DeviceKey;
import io.farmwatch.protocol.envelope.Envelope;
import io.farmwatch.protocol.envelope.EnvelopeSigner;
import io.farmwatch.protocol.report.DeviceInfo;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.Gateway;
import io.farmwatch.protocol.report.NetworkState;
import io.farmwatch.protocol.report.ProcessInfo;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Severity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Drives a running collector with many simulated agents: real keys, real enrollment, real
 * signatures. Envelopes are signed before the clock starts, so the generator measures the collector,
 * not itself. Prints throughput, latency percentiles and outcomes.
 *
 * <p>{@code LoadGenerator URL TOKEN AGENTS REPORTS CONCURRENCY}; run by {@code scripts/bench-ingest}.
 */
public final class LoadGenerator {

  private LoadGenerator() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String token = args[1];
    int agents = Integer.parseInt(args[2]);
    int reports = Integer.parseInt(args[3]);
    int concurrency = Integer.parseInt(args[4]);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    List<String> deviceIds = new ArrayList<>();
    List<byte[]> secretKeys = new ArrayList<>();
    List<String> keyIds = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      byte[] seed = new byte[32];
      new java.security.SecureRandom().nextBytes(seed);
      byte[] pk = new byte[32];
      Ed25519.generatePublicKey(seed, 0, pk, 0);
      DeviceKey key = DeviceKey.fromRaw(pk);
      String body = ProtocolJson.mapper().writeValueAsString(Map.of("token", token, "publicKey", key.pem(),
          "agentVersion", "loadgen", "hostname", "loadgen-" + i));
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/enroll"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201) {
        throw new IllegalStateException("enrollment failed: " + r.statusCode() + " " + r.body());
      }
      deviceIds.add(ProtocolJson.mapper().readTree(r.body()).get("deviceId").asText());
      secretKeys.add(seed);
      keyIds.add(key.keyId());
    }

    // Pre-sign every envelope; each agent's reports go out in sequence order.
    List<ConcurrentLinkedQueue<byte[]>> perAgent = new ArrayList<>();
    int perDevice = (reports + agents - 1) / agents;
    long bytes = 0;
    for (int a = 0; a < agents; a++) {
      ConcurrentLinkedQueue<byte[]> q = new ConcurrentLinkedQueue<>();
      for (int s = 1; s <= perDevice; s++) {
        byte[] payload = ProtocolJson.mapper().writeValueAsBytes(report(deviceIds.get(a), s, a));
        byte[] sig = new byte[64];
        Ed25519.sign(secretKeys.get(a), 0, payload, 0, payload.length, sig, 0);
        byte[] env = EnvelopeSigner.encode(new Envelope(1, deviceIds.get(a), keyIds.get(a),
            Base64.getEncoder().encodeToString(payload), Base64.getEncoder().encodeToString(sig)));
        bytes += env.length;
        q.add(env);
      }
      perAgent.add(q);
    }
    int total = perDevice * agents;
    System.out.printf("%d agents enrolled, %d envelopes signed (%d bytes average)%n", agents, total, bytes / total);

    AtomicLongArray latencies = new AtomicLongArray(total);
    AtomicInteger done = new AtomicInteger();
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    long start = System.nanoTime();
    for (int t = 0; t < concurrency; t++) {
      int worker = t;
      pool.submit(() -> {
        // Each worker owns a disjoint set of agents, so one agent's reports never race each other.
        List<Integer> mine = new ArrayList<>();
        for (int a = worker; a < agents; a += concurrency) {
          mine.add(a);
        }
        boolean any = true;
        while (any) {
          any = false;
          for (int a : mine) {
            byte[] env = perAgent.get(a).poll();
            if (env == null) {
              continue;
            }
            any = true;
            long t0 = System.nanoTime();
            try {
              HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/reports"))
                  .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(env)).build(),
                  HttpResponse.BodyHandlers.discarding());
              (r.statusCode() == 202 ? accepted : failed).incrementAndGet();
            } catch (Exception e) {
              failed.incrementAndGet();
            }
            latencies.set(done.getAndIncrement(), System.nanoTime() - t0);
          }
        }
        return null;
      });
    }
    pool.shutdown();
    pool.awaitTermination(30, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] sorted = new long[done.get()];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = latencies.get(i);
    }
    Arrays.sort(sorted);
    System.out.printf("sent %d in %.1f s: %.0f reports/s accepted (%d accepted, %d failed)%n", sorted.length, seconds,
        accepted.get() / seconds, accepted.get(), failed.get());
    System.out.printf("latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n", pct(sorted, 0.50), pct(sorted, 0.90),
        pct(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
  }

  private static double pct(long[] sorted, double p) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
  }

  /** A report shaped like a laptop's: network position, findings and 40 processes, about 8 KB. */
  private static Report report(String deviceId, long sequence, int agent) {
    List<ProcessInfo> processes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      processes.add(new ProcessInfo(1000 + i, 1, "proc-" + i, "/usr/lib/app" + i + "/bin/proc-" + i,
          "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", null, "alice", Instant.now()));
    }
    String gw = String.format("0a:00:00:00:%02x:%02x", (agent >> 8) & 0xff, agent & 0xff);
    List<Finding> findings = List.of(new Finding(FindingKind.VPN, "tunnel interface tun0", Severity.LOW,
        Map.of("interface", "tun0"), "tunnel interface tun0 (tun) exists"));
    NetworkState network = new NetworkState(List.of(), List.of(), List.of(new Gateway("192.168.1.1", "wlan0", gw)),
        List.of(), List.of("192.168.1.1"), List.of(), List.of());
    return new Report(1, new DeviceInfo(deviceId, "loadgen", sequence, Instant.now(), "loadgen-" + agent, null),
        null, network, processes, null, null, null, null, findings, List.of());
  }
}
