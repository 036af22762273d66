package io.farmwatch.collector.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Sends reports at a fixed rate, whatever the collector's answers take: the load an agent fleet
 * puts on it. wrk (closed loop) sends a connection's next request only when the previous one is
 * answered, so it measures latency at saturation, and a stall slows the sender down instead of
 * showing up in the tail. Here request {@code i} is due at {@code start + i / rate}; its latency is
 * counted from that moment, so a request that waited for a free connection behind a stall is
 * counted with the wait (no coordinated omission, as wrk2 does it).
 *
 * <p>{@code OpenLoopSender HOST:PORT DIR RATE CONNECTIONS WARMUP_SECONDS SECONDS} replays the
 * envelope files {@code DIR/measured-N.txt} written by {@link LoadGenerator}, taking lines from
 * each file in turn so each agent's sequence still rises, over keep-alive HTTP/1.1 connections:
 * first a warm-up at the rate, then a line {@code measuring}, then the measured window.
 */
public final class OpenLoopSender {

  /** What one run measured. Latencies in nanoseconds from each request's due time, sorted. */
  record Result(long planned, long sent, long answered, long non2xx, long[] latencies, Duration elapsed,
      int maxBacklog) {

    long percentile(double p) {
      return latencies.length == 0 ? 0 : latencies[(int) Math.min(latencies.length - 1, Math.ceil(p / 100 * latencies.length) - 1)];
    }

    String describe(double rate) {
      double seconds = elapsed.toNanos() / 1e9;
      return String.format(Locale.ROOT,
          "requests %d answered in %.1f s: %.0f/s (offered %.0f/s); non-2xx %d, most waiting for a connection %d%n"
              + "latency ms from the due time: p50 %.1f, p90 %.1f, p99 %.1f, p99.9 %.1f, max %.1f",
          answered, seconds, answered / seconds, rate, non2xx, maxBacklog,
          percentile(50) / 1e6, percentile(90) / 1e6, percentile(99) / 1e6, percentile(99.9) / 1e6,
          percentile(100) / 1e6);
    }
  }

  private final InetSocketAddress server;
  private final int connections;
  private final double rate;
  private final Duration duration;
  private final Supplier<byte[]> bodies;
  private final byte[] requestHead;
  private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  /**
   * @param bodies the next report body, or null when there are none left (the run then ends early)
   */
  OpenLoopSender(InetSocketAddress server, int connections, double rate, Duration duration, Supplier<byte[]> bodies) {
    this.server = server;
    this.connections = connections;
    this.rate = rate;
    this.duration = duration;
    this.bodies = bodies;
    this.requestHead = ("POST /api/v1/reports HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
        + "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
  }

  /** One keep-alive connection with at most one request in flight. */
  private final class Connection {
    final SocketChannel channel;
    final SelectionKey key;
    final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    // Direct and reused: the sender shares the cores with the collector it measures.
    ByteBuffer out = ByteBuffer.allocateDirect(64 * 1024);
    long due;

    Connection(Selector selector) throws IOException {
      channel = SocketChannel.open(server);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.configureBlocking(false);
      key = channel.register(selector, 0, this);
    }

    void send(byte[] body, long dueAt) throws IOException {
      byte[] length = Integer.toString(body.length).getBytes(StandardCharsets.US_ASCII);
      int size = requestHead.length + length.length + HEAD_END.length + body.length;
      if (out.capacity() < size) {
        out = ByteBuffer.allocateDirect(size);
      }
      out.clear().put(requestHead).put(length).put(HEAD_END).put(body).flip();
      due = dueAt;
      in.clear();
      channel.write(out);
      key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /** The status of a complete response in {@link #in}, or -1 while it is still arriving. */
    int completeResponse() {
      String text = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      if (end < 0) {
        return -1;
      }
      int length = 0;
      for (String line : text.substring(0, end).split("\r\n")) {
        if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      if (in.position() < end + 4 + length) {
        if (!in.hasRemaining()) {
          throw new IllegalStateException("a response larger than " + in.capacity() + " bytes");
        }
        return -1;
      }
      return Integer.parseInt(text.substring(9, 12));
    }
  }

  Result run() throws IOException {
    long interval = (long) (1e9 / rate);
    long planned = (long) (duration.toNanos() / 1e9 * rate);
    long[] latencies = new long[(int) planned];
    int answered = 0;
    long sent = 0;
    long non2xx = 0;
    int maxBacklog = 0;
    try (Selector selector = Selector.open()) {
      ArrayDeque<Connection> idle = new ArrayDeque<>();
      List<Connection> all = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        Connection c = new Connection(selector);
        all.add(c);
        idle.add(c);
      }
      ArrayDeque<byte[]> backlog = new ArrayDeque<>();
      long start = System.nanoTime();
      long scheduled = 0;
      boolean exhausted = false;
      try {
        while (answered < sent || (!exhausted && scheduled < planned) || !backlog.isEmpty()) {
          long now = System.nanoTime();
          while (!exhausted && scheduled < planned && start + scheduled * interval <= now) {
            byte[] body = bodies.get();
            if (body == null) {
              exhausted = true;
              break;
            }
            backlog.add(body);
            scheduled++;
          }
          maxBacklog = Math.max(maxBacklog, backlog.size());
          while (!backlog.isEmpty() && !idle.isEmpty()) {
            // The backlog is in schedule order: its head was due backlog-size intervals ago.
            long due = start + (scheduled - backlog.size()) * interval;
            idle.poll().send(backlog.poll(), due);
            sent++;
          }
          long untilNext = start + scheduled * interval - System.nanoTime();
          selector.select(Math.max(1, Math.min(10, untilNext / 1_000_000)));
          for (SelectionKey key : selector.selectedKeys()) {
            Connection c = (Connection) key.attachment();
            if (key.isWritable()) {
              c.channel.write(c.out);
              if (!c.out.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ);
              }
            } else if (key.isReadable()) {
              if (c.channel.read(c.in) < 0) {
                throw new IOException("the collector closed a connection");
              }
              int status = c.completeResponse();
              if (status >= 0) {
                latencies[answered++] = System.nanoTime() - c.due;
                if (status / 100 != 2) {
                  non2xx++;
                }
                key.interestOps(0);
                idle.add(c);
              }
            }
          }
          selector.selectedKeys().clear();
        }
      } finally {
        for (Connection c : all) {
          c.channel.close();
        }
      }
      long[] measured = Arrays.copyOf(latencies, answered);
      Arrays.sort(measured);
      return new Result(planned, sent, answered, non2xx, measured, Duration.ofNanos(System.nanoTime() - start), maxBacklog);
    }
  }

  /** Lines of the phase's envelope files, one file after the other in turn. */
  private static Supplier<byte[]> envelopes(Path dir, String phase) throws IOException {
    List<LineReader> files = new ArrayList<>();
    for (int n = 0; Files.exists(dir.resolve(phase + "-" + n + ".txt")); n++) {
      files.add(new LineReader(Files.newInputStream(dir.resolve(phase + "-" + n + ".txt"))));
    }
    if (files.isEmpty()) {
      throw new IOException("no envelope files " + phase + "-N.txt in " + dir);
    }
    int[] next = {0};
    return () -> {
      for (int tried = 0; tried < files.size(); tried++) {
        byte[] line = files.get(next[0]++ % files.size()).next();
        if (line != null) {
          return line;
        }
      }
      return null;
    };
  }

  /** Lines of bytes; a byte at a time through a BufferedInputStream cost the sender a third of a core. */
  private static final class LineReader {
    private final InputStream in;
    private byte[] buffer = new byte[1 << 20];
    private int start;
    private int end;

    LineReader(InputStream in) {
      this.in = in;
    }

    byte[] next() {
      try {
        while (true) {
          for (int i = start; i < end; i++) {
            if (buffer[i] == '\n') {
              byte[] line = Arrays.copyOfRange(buffer, start, i);
              start = i + 1;
              return line;
            }
          }
          if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
          } else if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
          }
          int n = in.read(buffer, end, buffer.length - end);
          if (n < 0) {
            return end > start ? Arrays.copyOfRange(buffer, start, start = end) : null;
          }
          end += n;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 6) {
      System.err.println("usage: OpenLoopSender HOST:PORT DIR RATE CONNECTIONS WARMUP_SECONDS SECONDS");
      System.exit(2);
    }
    String[] hostPort = args[0].split(":");
    InetSocketAddress server = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
    double rate = Double.parseDouble(args[2]);
    int connections = Integer.parseInt(args[3]);
    Supplier<byte[]> envelopes = envelopes(Path.of(args[1]), "measured");
    // Its own warm-up at the rate, on the measured envelopes (sequences keep rising): the sender's
    // code is compiled and the collector settled at this load before the window starts.
    Result warm = new OpenLoopSender(server, connections, rate, Duration.ofSeconds(Long.parseLong(args[4])), envelopes).run();
    System.out.println("sender warm-up: " + warm.describe(rate).replace('\n', ' '));
    System.out.println("measuring");
    System.out.flush();
    long cpu = processCpuNanos();
    Result r = new OpenLoopSender(server, connections, rate, Duration.ofSeconds(Long.parseLong(args[5])), envelopes).run();
    System.out.println(r.describe(rate));
    System.out.printf(Locale.ROOT, "load generator (OpenLoopSender): %.1f s of CPU over the measured window%n",
        (processCpuNanos() - cpu) / 1e9);
    if (r.sent() < r.planned()) {
      System.out.println("WARNING: envelopes ran out before the end of the window");
    }
  }
}
