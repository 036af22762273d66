package io.farmwatch.collector.alert.sink.syslog;

import io.farmwatch.collector.alert.sink.AlertSink;
import io.farmwatch.collector.alert.sink.BoundedMessage;
import io.farmwatch.collector.alert.sink.PermanentSinkFailure;
import io.farmwatch.collector.correlate.Alert;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

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
  /** How long one TCP message may take to write before the connection is given up. */
  public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

  /** Closes a TCP connection whose write overran its deadline; one daemon thread for every sink. */
  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "syslog-write-watchdog");
    t.setDaemon(true);
    return t;
  });

  private final String hostname;
  private final int maxMessageBytes;
  private final Duration writeTimeout;
  private Socket tcp;

  public SyslogSink(InetSocketAddress target, Transport transport, String hostname) {
    this(target, transport, hostname, transport.maxMessageBytes, WRITE_TIMEOUT);
  }

  /** With another limit than the transport's (a receiver known to take less, or more) and write deadline. */
  public SyslogSink(InetSocketAddress target, Transport transport, String hostname, int maxMessageBytes,
      Duration writeTimeout) {
    this.target = target;
    this.transport = transport;
    this.hostname = hostname;
    this.maxMessageBytes = maxMessageBytes;
    this.writeTimeout = writeTimeout;
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
      // A receiver that accepts but stops reading would block the write, and this sink, for good;
      // closing the socket from another thread ends the write with an exception.
      Socket connection = tcp;
      ScheduledFuture<?> deadline = WATCHDOG.schedule(() -> closeQuietly(connection), writeTimeout.toMillis(),
          TimeUnit.MILLISECONDS);
      try {
        OutputStream out = connection.getOutputStream();
        out.write((message.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.write(message);
        out.flush();
      } finally {
        deadline.cancel(false);
      }
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
      closeQuietly(tcp);
      tcp = null;
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already gone.
    }
  }
}
