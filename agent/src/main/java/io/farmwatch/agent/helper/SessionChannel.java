package io.farmwatch.agent.helper;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** One helper connection over any byte stream: the service's answer read, then messages written. */
public final class SessionChannel implements AutoCloseable {

  private final OutputStream out;
  private final Closeable connection;

  private SessionChannel(OutputStream out, Closeable connection) {
    this.out = out;
    this.connection = connection;
  }

  /**
   * Reads the service's first answer from a fresh connection and, when it accepts, returns the
   * channel; the connection is closed otherwise.
   *
   * @throws SessionRefusedException the service's refusal, typed
   */
  public static SessionChannel open(InputStream in, OutputStream out, Closeable connection)
      throws IOException, SessionRefusedException {
    try {
      byte[] line = new SessionLineReader(in).next();
      if (line == null) {
        throw new IOException("the service closed the connection without an answer");
      }
      SessionCodec.answer(line).throwIfRefused();
      return new SessionChannel(out, connection);
    } catch (IOException | SessionRefusedException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  public void send(SessionMessage message) throws IOException {
    out.write(SessionCodec.line(message));
    out.flush();
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (IOException e) {
      // Closing a connection the service already dropped has nothing left to do.
    }
  }
}
