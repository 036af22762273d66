package io.farmwatch.collector.correlate.sink.syslog;

import io.farmwatch.collector.correlate.Alert;
import io.farmwatch.collector.correlate.sink.AlertSink;
import io.farmwatch.collector.correlate.sink.BoundedMessage;
import io.farmwatch.collector.correlate.sink.PermanentSinkFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends alerts as RFC 5424 syslog with a CEF payload, over UDP (one datagram per message) or TCP
 * (RFC 6587 octet counting), each message within the transport's limit.
 */
public final class SyslogSink implements AlertSink {

  /** UDP or TCP, with the largest message each sends. */
  public enum Transport {
    /**
     * 8 KiB: RFC 5426 only promises 2,048 octets, but rsyslog and syslog-ng take 8 KiB by default and
     * 2 KiB would leave a farm alert only a few devices.
     */
    UDP(8 * 1024),
    /** 64 KiB, rsyslog's and syslog-ng's usual configured maximum for TCP. */
    TCP(64 * 1024);

    public final int maxMessageBytes;

    Transport(int maxMessageBytes) {
      this.maxMessageBytes = maxMessageBytes;
    }
  }

  private final InetSocketAddress target;
  private final Transport transport;
  private final String hostname;
  private final int maxMessageBytes;
  private Socket tcp;

  public SyslogSink(InetSocketAddress target, Transport transport, String hostname) {
    this(target, transport, hostname, transport.maxMessageBytes);
  }

  /** With another limit than the transport's: a receiver known to take less, or more. */
  public SyslogSink(InetSocketAddress target, Transport transport, String hostname, int maxMessageBytes) {
    this.target = target;
    this.transport = transport;
    this.hostname = hostname;
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  public synchronized void deliver(Alert alert) throws IOException {
    byte[] message = BoundedMessage.render(alert, maxMessageBytes, a -> CefSyslogFormat.message(a, hostname));
    if (transport == Transport.UDP) {
      try (DatagramSocket socket = new DatagramSocket()) {
        socket.send(new DatagramPacket(message, message.length, target));
      } catch (IOException e) {
        // EMSGSIZE: the OS or path takes less than the configured limit; every retry would fail alike.
        if (String.valueOf(e.getMessage()).contains("too long")) {
          throw new PermanentSinkFailure("message_too_long", e.getMessage() + " (" + message.length + " bytes)");
        }
        throw e;
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
  public String kind() {
    return "syslog-" + transport.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public String describe() {
    return kind() + ":" + target.getHostString() + ":" + target.getPort();
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
