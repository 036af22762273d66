package io.farmwatch.agent.helper.unix;

import io.farmwatch.agent.helper.SessionChannel;
import io.farmwatch.agent.helper.SessionConnector;
import io.farmwatch.agent.helper.SessionRefusedException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** The helper's end of the service's Unix socket (Linux, macOS). */
public final class UnixSessionConnector implements SessionConnector {

  private final Path socket;

  public UnixSessionConnector(Path socket) {
    this.socket = socket;
  }

  @Override
  public SessionChannel connect() throws IOException, SessionRefusedException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      channel.close();
      throw new IOException(socket + ": " + e.getMessage(), e);
    }
    return SessionChannel.open(Channels.newInputStream(channel), Channels.newOutputStream(channel), channel);
  }
}
