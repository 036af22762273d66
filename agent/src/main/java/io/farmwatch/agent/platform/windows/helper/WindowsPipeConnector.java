package io.farmwatch.agent.platform.windows.helper;

import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.ptr.IntByReference;
import io.farmwatch.agent.helper.SessionChannel;
import io.farmwatch.agent.helper.SessionConnector;
import io.farmwatch.agent.helper.SessionRefusedException;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * The helper's end of its session's pipe. Java opens a named pipe as a file; the service, which
 * created the pipe, learns who connected from the pipe's client token, not from anything sent.
 */
public final class WindowsPipeConnector implements SessionConnector {

  private final String pipe;

  WindowsPipeConnector(String pipe) {
    this.pipe = pipe;
  }

  /** The pipe of the session this process runs in. */
  public static WindowsPipeConnector forThisSession() {
    IntByReference session = new IntByReference();
    if (!Kernel32.INSTANCE.ProcessIdToSessionId(Kernel32.INSTANCE.GetCurrentProcessId(), session)) {
      throw new IllegalStateException("cannot tell this process's Windows session: error " + Kernel32.INSTANCE.GetLastError());
    }
    return new WindowsPipeConnector(SessionPipe.name(session.getValue()));
  }

  @Override
  public SessionChannel connect() throws IOException, SessionRefusedException {
    RandomAccessFile file = new RandomAccessFile(pipe, "rw");
    return SessionChannel.open(new FileInputStream(file.getFD()), new FileOutputStream(file.getFD()), file);
  }
}
