package io.farmwatch.collector.alert.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.farmwatch.collector.alert.sink.syslog.SyslogSink;
import io.farmwatch.collector.correlate.Alert;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SyslogSinkTest {

  /** A syslog receiver over TCP with RFC 6587 octet counting. */
  @Nested
  class Tcp extends AlertSinkContract {
    final List<String> got = new CopyOnWriteArrayList<>();
    ServerSocket server;
    int port;

    @Override
    protected AlertSink newSink() {
      return new SyslogSink(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
          SyslogSink.Transport.TCP, "collector-1");
    }

    @Override
    protected int maxMessageBytes() {
      return SyslogSink.Transport.TCP.maxMessageBytes;
    }

    @Override
    protected List<String> received() {
      return got;
    }

    @Override
    protected void startReceiver() throws IOException {
      server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      port = server.getLocalPort();
      ServerSocket listening = server;
      Thread t = new Thread(() -> {
        try {
          while (true) {
            Socket s = listening.accept();
            Thread reader = new Thread(() -> readFrames(s));
            reader.setDaemon(true);
            reader.start();
          }
        } catch (IOException e) {
          // receiver stopped
        }
      });
      t.setDaemon(true);
      t.start();
    }

    /** Reads octet-counted frames: a malformed count fails the parse, and so the test. */
    @Test
    void aReceiverThatAcceptsButNeverReadsFailsTheWriteAtItsDeadlineInsteadOfBlockingTheSink() throws Exception {
      try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
          SyslogSink sink = new SyslogSink(new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()),
              SyslogSink.Transport.TCP, "collector-1", SyslogSink.Transport.TCP.maxMessageBytes, Duration.ofMillis(500))) {
        Alert a = alert("farm-stuck");
        Alert big = new Alert(a.id(), a.kind(), a.severity(), a.score(), a.deviceIds(), a.evidence(), "x".repeat(60_000),
            a.firstSeen(), a.lastSeen());
        // The kernel buffers some megabytes on loopback before a write blocks.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
          assertThatThrownBy(() -> {
            while (true) {
              sink.deliver(big);
            }
          }).isInstanceOf(IOException.class);
        });
      }
    }

    void readFrames(Socket socket) {
      try (socket; DataInputStream in = new DataInputStream(socket.getInputStream())) {
        while (true) {
          StringBuilder len = new StringBuilder();
          int c;
          while ((c = in.read()) != ' ') {
            if (c < 0) {
              return;
            }
            len.append((char) c);
          }
          byte[] msg = new byte[Integer.parseInt(len.toString())];
          in.readFully(msg);
          got.add(new String(msg, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        // connection closed
      }
    }

    @Override
    protected void stopReceiver() throws IOException {
      if (server == null) {
        try (ServerSocket probe = new ServerSocket(0)) {
          port = probe.getLocalPort();
        }
      } else {
        server.close();
      }
    }

    @AfterEach
    void stop() throws IOException {
      if (server != null) {
        server.close();
      }
    }

    @Test
    void messagesAreRfc5424WithACefPayloadWhosePipesAndEqualsAreEscaped() throws Exception {
      startReceiver();
      Alert a = alert("farm=1|x");
      try (SyslogSink sink = (SyslogSink) newSink()) {
        sink.deliver(new Alert(a.id(), a.kind(), a.severity(), a.score(), a.deviceIds(), a.evidence(),
            "a=b|c\\d", a.firstSeen(), a.lastSeen()));
      }
      awaitReceived("CEF:0");
      String m = got.get(0);
      assertThat(m).startsWith("<83>1 2026-11-24T12:00:00Z collector-1 farmwatch-collector - LAPTOP_FARM - CEF:0|FarmWatch|collector|");
      assertThat(m).contains("|LAPTOP_FARM|").contains("|8|externalId=farm\\=1|x ").contains("cs1=dev-a,dev-b")
          .endsWith("msg=a\\=b|c\\\\d");
    }
  }

  /** A syslog receiver over UDP: one datagram per message. */
  @Nested
  class Udp extends AlertSinkContract {
    final List<String> got = new CopyOnWriteArrayList<>();
    DatagramSocket socket;

    @Override
    protected AlertSink newSink() {
      return new SyslogSink(new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort()),
          SyslogSink.Transport.UDP, "collector-1");
    }

    @Override
    protected int maxMessageBytes() {
      return SyslogSink.Transport.UDP.maxMessageBytes;
    }

    @Override
    protected List<String> received() {
      return got;
    }

    @Override
    protected boolean detectsFailure() {
      return false;
    }

    @Override
    protected void startReceiver() throws IOException {
      socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
      DatagramSocket listening = socket;
      Thread t = new Thread(() -> {
        byte[] buf = new byte[65535];
        try {
          while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            listening.receive(p);
            got.add(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
          }
        } catch (IOException e) {
          // receiver stopped
        }
      });
      t.setDaemon(true);
      t.start();
    }

    @Override
    protected void stopReceiver() {
      if (socket != null) {
        socket.close();
      }
    }

    @AfterEach
    void stop() {
      stopReceiver();
    }

    /** A limit set above what the OS sends in one datagram: the send fails the same way every time. */
    @Test
    void aDatagramTheSystemRefusesAsTooLongIsDroppedCountedAndTheNextStillArrives() throws Exception {
      startReceiver();
      InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
      Alert a = alert("farm-oversized");
      Alert oversized = new Alert(a.id(), a.kind(), a.severity(), a.score(), a.deviceIds(), a.evidence(),
          "x".repeat(100_000), a.firstSeen(), a.lastSeen());
      try (SyslogSink direct = new SyslogSink(target, SyslogSink.Transport.UDP, "collector-1", 1 << 20, SyslogSink.WRITE_TIMEOUT)) {
        assertThatThrownBy(() -> direct.deliver(oversized)).isInstanceOf(PermanentSinkFailure.class)
            .hasMessageContaining("too long");
      }
      try (RetryingSink sink = new RetryingSink(new SyslogSink(target, SyslogSink.Transport.UDP, "collector-1", 1 << 20, SyslogSink.WRITE_TIMEOUT),
          10, Duration.ofMillis(50), Duration.ofSeconds(1), 5)) {
        List<String> reasons = new CopyOnWriteArrayList<>();
        sink.reportDropsTo((kind, reason) -> reasons.add(kind + "/" + reason));
        sink.publish(oversized);
        sink.publish(alert("farm-after"));
        awaitReceived("farm-after");
        assertThat(reasons).containsExactly("syslog-udp/message_too_long");
      }
    }
  }
}
