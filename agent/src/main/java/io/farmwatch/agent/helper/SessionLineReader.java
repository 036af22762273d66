package io.farmwatch.agent.helper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads newline-ended lines of at most {@link SessionLimits#MAX_MESSAGE_BYTES}, never more. */
public final class SessionLineReader {

  private final InputStream in;
  private final byte[] buffer = new byte[SessionLimits.MAX_MESSAGE_BYTES];
  private int start;
  private int end;

  public SessionLineReader(InputStream in) {
    this.in = in;
  }

  /**
   * The next line without its newline, or null at the end of the stream (a partial last line
   * included: only whole lines count).
   *
   * @throws SessionRefusedException {@link Refusal#TOO_LARGE} when no newline comes within the limit
   */
  public byte[] next() throws IOException, SessionRefusedException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      if (start == end) {
        int n = in.read(buffer);
        if (n < 0) {
          return null;
        }
        start = 0;
        end = n;
      }
      for (int i = start; i < end; i++) {
        if (buffer[i] == '\n') {
          line.write(buffer, start, i - start);
          start = i + 1;
          if (line.size() >= SessionLimits.MAX_MESSAGE_BYTES) {
            throw tooLarge();
          }
          return line.toByteArray();
        }
      }
      line.write(buffer, start, end - start);
      start = end;
      if (line.size() >= SessionLimits.MAX_MESSAGE_BYTES) {
        throw tooLarge();
      }
    }
  }

  private static SessionRefusedException tooLarge() {
    return new SessionRefusedException(Refusal.TOO_LARGE,
        "no line end within " + SessionLimits.MAX_MESSAGE_BYTES + " bytes");
  }
}
