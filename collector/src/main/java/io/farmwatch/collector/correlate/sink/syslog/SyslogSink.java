package io.farmwatch.collector.correlate.sink.syslog;

import io.farmwatch.collector.correlate.Alert;
import io.farmwatch.collector.correlate.sink.AlertSink;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends alerts as RFC 5424 syslog with a CEF payload, over UDP (one datagram per message) or TCP
 * (RFC 6587 octet counting).
 */
public final class SyslogSink implements AlertSink {

  /** UDP or TCP. */
  public enum Transport { UDP, TCP }

  private final InetSocketAddress target;
  private final Transport transport;
  private final String hostname;
  private Socket tcp;

  public SyslogSink(InetSocketAddress target, Transport transport, String hostname) {
    this.target = target;
    this.transport = transport;
    this.hostname = hostname;
  }

  @Override
  public synchronized void deliver(Alert alert) throws IOException {
    byte[] message = CefSyslogFormat.message(alert, hostname);
    if (transport == Transport.UDP) {
      try (DatagramSocket socket = new DatagramSocket()) {
        socket.send(new DatagramPacket(message, message.length, target));
      }
      return;
    }
    try {
      if (tcp == null || tcp.isClosed()) {
        tcp = new Socket();
        tcp.connect(target, 5_000);
      }
      OutputStream out = tcp.getOutputStream();
      out.write((message.length + " ").getBytes(StandardCharsets.US_ASCII));
      out.write(message);
      out.flush();
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  @Override
  public String describe() {
    return "syslog-" + transport.name().toLowerCase() + ":" + target.getHostString() + ":" + target.getPort();
  }

  @Override
  public synchronized void close() {
    if (tcp != null) {
      try {
        tcp.close();
      } catch (IOException e) {
        // Already gone.
      }
      tcp = null;
    }
  }
}
