package io.farmwatch.collector.correlate.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.collector.correlate.sink.syslog.SyslogSink;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
    protected List<String> received() {
      return got;
    }

    @Override
    protected void startReceiver() throws IOException {
      server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      port = server.getLocalPort();
      Thread t = new Thread(() -> {
        try (Socket s = server.accept(); DataInputStream in = new DataInputStream(s.getInputStream())) {
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
          // receiver stopped
        }
      });
      t.setDaemon(true);
      t.start();
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
    void messagesAreRfc5424WithACefPayload() throws Exception {
      startReceiver();
      try (SyslogSink sink = (SyslogSink) newSink()) {
        sink.deliver(alert("farm=1|x"));
      }
      awaitReceivedRaw();
      String m = got.get(0);
      assertThat(m).startsWith("<83>1 2026-11-24T12:00:00Z collector-1 farmwatch-collector - LAPTOP_FARM - CEF:0|FarmWatch|collector|");
      assertThat(m).contains("|LAPTOP_FARM|").contains("|8|externalId=farm\\=1|x ").contains("cs1=dev-a,dev-b");
    }

    void awaitReceivedRaw() throws InterruptedException {
      for (int i = 0; i < 100 && got.isEmpty(); i++) {
        Thread.sleep(20);
      }
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
      Thread t = new Thread(() -> {
        byte[] buf = new byte[65535];
        try {
          while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            socket.receive(p);
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
  }
}
