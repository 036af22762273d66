package io.farmwatch.agent.helper.unix;

import io.farmwatch.agent.helper.SessionLimits;
import io.farmwatch.agent.helper.service.PeerIdentity;
import io.farmwatch.agent.helper.service.SessionConversation;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Semaphore;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's Unix socket for session helpers. The socket is open to every local user (mode
 * 0666); who may hand in counts is decided per connection from the kernel's peer credentials
 * ({@code SO_PEERCRED}; on macOS the JDK answers it with {@code getpeereid}), never from anything the
 * peer writes.
 */
public final class UnixSessionListener implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(UnixSessionListener.class);
  /** Connections being served at once: the admitted ones plus a few being refused. */
  private static final int MAX_SERVED = SessionLimits.MAX_CONNECTIONS + 4;

  private final ServerSocketChannel server;
  private final Path socket;
  private final SessionConversation conversation;
  private final Semaphore served = new Semaphore(MAX_SERVED);
  private final Thread acceptor;

  private UnixSessionListener(ServerSocketChannel server, Path socket, SessionConversation conversation) {
    this.server = server;
    this.socket = socket;
    this.conversation = conversation;
    this.acceptor = new Thread(this::acceptLoop, "session-helpers");
    acceptor.setDaemon(true);
  }

  /** Binds the socket (replacing a stale one a previous run left) and starts accepting. */
  public static UnixSessionListener start(Path socket, SessionConversation conversation) throws IOException {
    Files.deleteIfExists(socket);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      server.bind(UnixDomainSocketAddress.of(socket));
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    UnixSessionListener listener = new UnixSessionListener(server, socket, conversation);
    listener.acceptor.start();
    LOG.info("session helpers connect to {}", socket);
    return listener;
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (IOException e) {
        if (server.isOpen()) {
          LOG.warn("session socket: {}", e.getMessage());
          pause(); // out of descriptors, say: retrying at once would spin
        }
        continue;
      }
      if (!served.tryAcquire()) {
        close(client);
        continue;
      }
      Thread t = new Thread(() -> {
        try {
          serve(client);
        } finally {
          served.release();
        }
      }, "session-helper");
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(SocketChannel client) {
    try (client) {
      UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
      conversation.serve(new PeerIdentity(peer.user().getName(), peer.group().getName()),
          Channels.newInputStream(client), Channels.newOutputStream(client));
    } catch (IOException | RuntimeException e) {
      // One helper's broken connection must not end the service or the other helpers.
      LOG.warn("session helper connection ended: {}", e.toString());
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void close(SocketChannel client) {
    try {
      client.close();
    } catch (IOException e) {
      // Dropped anyway.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    Files.deleteIfExists(socket);
  }
}
