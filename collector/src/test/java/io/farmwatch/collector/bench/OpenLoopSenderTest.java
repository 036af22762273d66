package io.farmwatch.collector.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server whose answers take a set time. */
class OpenLoopSenderTest {

  private Javalin server;

  @AfterEach
  void stop() {
    server.stop();
  }

  private InetSocketAddress serve(int status, long millis) {
    server = Javalin.create(config -> config.routes.post("/api/v1/reports", ctx -> {
      Thread.sleep(millis);
      ctx.status(status).result("{\"ok\":" + ctx.body().length() + "}");
    })).start("127.0.0.1", 0);
    return new InetSocketAddress("127.0.0.1", server.port());
  }

  private static Supplier<byte[]> bodies() {
    AtomicInteger n = new AtomicInteger();
    return () -> ("{\"n\":" + n.incrementAndGet() + "}").getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void belowCapacityTheLatencyIsTheServersOwn() throws IOException {
    OpenLoopSender.Result r = new OpenLoopSender(serve(200, 5), 1, 40, Duration.ofSeconds(1), bodies()).run();
    assertThat(r.answered()).isEqualTo(40);
    assertThat(r.non2xx()).isZero();
    // Every latency holds the server's 5 ms; a due time set an interval late would take 25 ms off it.
    assertThat(r.latencies()[0]).isGreaterThanOrEqualTo(5_000_000L);
    // Far under a run-long wait (a latency counted from the run's start has a median near 500 ms),
    // with room for a loaded machine's stalls, which have put the median at 150 ms.
    assertThat(r.percentile(50)).isLessThan(10 * 25_000_000L);
  }

  @Test
  void requestsWaitingBehindASlowAnswerCountTheirWait() throws IOException {
    // One connection answering every 20 ms cannot carry 100 requests a second: the backlog grows,
    // and the last requests wait for most of a second. A closed-loop sender would report 20 ms.
    OpenLoopSender.Result r = new OpenLoopSender(serve(200, 20), 1, 100, Duration.ofSeconds(1), bodies()).run();
    assertThat(r.answered()).isEqualTo(100);
    assertThat(r.maxBacklog()).isGreaterThan(10);
    assertThat(r.percentile(99)).isGreaterThan(500_000_000L);
  }

  @Test
  void refusalsAreCounted() throws IOException {
    OpenLoopSender.Result r = new OpenLoopSender(serve(409, 0), 2, 50, Duration.ofMillis(400), bodies()).run();
    assertThat(r.answered()).isEqualTo(20);
    assertThat(r.non2xx()).isEqualTo(20);
  }

  @Test
  void aRunEndsEarlyWhenTheReportsRunOut() throws IOException {
    AtomicInteger left = new AtomicInteger(5);
    Supplier<byte[]> five = () -> left.getAndDecrement() > 0 ? "{}".getBytes(StandardCharsets.US_ASCII) : null;
    OpenLoopSender.Result r = new OpenLoopSender(serve(200, 0), 2, 100, Duration.ofSeconds(10), five).run();
    assertThat(r.sent()).isEqualTo(5);
    assertThat(r.answered()).isEqualTo(5);
    assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(5));
  }
}
