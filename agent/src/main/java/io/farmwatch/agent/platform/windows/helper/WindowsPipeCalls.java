package io.farmwatch.agent.platform.windows.helper;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Wtsapi32;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.farmwatch.agent.helper.service.PeerIdentity;
import io.farmwatch.agent.platform.windows.security.Advapi32Extra;
import io.farmwatch.agent.platform.windows.security.WindowsAcl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipes' Windows calls through JNA. Never runs on this build machine; the mappings it uses are
 * checked by WindowsServiceMappingsTest and Advapi32ExtraMappingTest, the logic above it by
 * WindowsSessionPipesTest.
 */
public final class WindowsPipeCalls implements WindowsSessionPipes.PipeCalls {

  @Override
  public List<Integer> loggedOnSessions() throws IOException {
    PointerByReference info = new PointerByReference();
    IntByReference count = new IntByReference();
    if (!Wtsapi32.INSTANCE.WTSEnumerateSessions(Wtsapi32.WTS_CURRENT_SERVER_HANDLE, 0, 1, info, count)) {
      throw new IOException("WTSEnumerateSessions: " + lastError());
    }
    try {
      List<Integer> ids = new ArrayList<>();
      if (count.getValue() > 0) {
        for (Object s : new Wtsapi32.WTS_SESSION_INFO(info.getValue()).toArray(count.getValue())) {
          ids.add(((Wtsapi32.WTS_SESSION_INFO) s).SessionId);
        }
      }
      return ids;
    } finally {
      Wtsapi32.INSTANCE.WTSFreeMemory(info.getValue());
    }
  }

  @Override
  public WindowsSessionPipes.SessionUser userOf(int sessionId) throws IOException {
    WinNT.HANDLEByReference token = new WinNT.HANDLEByReference();
    if (!Wtsapi32Extra.load().WTSQueryUserToken(sessionId, token)) {
      int error = Kernel32.INSTANCE.GetLastError();
      if (error == WinError.ERROR_NO_TOKEN) {
        return null; // nobody logged on to it (session 0, a login screen)
      }
      throw new IOException("WTSQueryUserToken(" + sessionId + "): " + new Win32Exception(error).getMessage());
    }
    try {
      Advapi32Util.Account account = Advapi32Util.getTokenAccount(token.getValue());
      return new WindowsSessionPipes.SessionUser(account.fqn, account.sidString);
    } finally {
      Kernel32.INSTANCE.CloseHandle(token.getValue());
    }
  }

  @Override
  public WindowsSessionPipes.ServerEnd create(int sessionId, String userSid) throws IOException {
    String name = SessionPipe.name(sessionId);
    return new HandleEnd(name, WindowsAcl.createSessionPipe(name, userSid));
  }

  private static String lastError() {
    return new Win32Exception(Kernel32.INSTANCE.GetLastError()).getMessage();
  }

  /** A pipe handle in blocking mode: ConnectNamedPipe, ReadFile, WriteFile, DisconnectNamedPipe. */
  private static final class HandleEnd implements WindowsSessionPipes.ServerEnd {
    private final String name;
    private final WinNT.HANDLE pipe;
    private volatile boolean closed;

    HandleEnd(String name, WinNT.HANDLE pipe) {
      this.name = name;
      this.pipe = pipe;
    }

    @Override
    public PeerIdentity accept() throws IOException {
      if (!Kernel32.INSTANCE.ConnectNamedPipe(pipe, null) && Kernel32.INSTANCE.GetLastError() != WinError.ERROR_PIPE_CONNECTED) {
        throw new IOException("ConnectNamedPipe: " + lastError());
      }
      if (closed) {
        throw new IOException(name + " is closed");
      }
      // The client's token, read while impersonating it: Windows vouches for it, the client says nothing.
      if (!Advapi32Extra.load().ImpersonateNamedPipeClient(pipe)) {
        throw new IOException("ImpersonateNamedPipeClient: " + lastError());
      }
      WinNT.HANDLEByReference token = new WinNT.HANDLEByReference();
      try {
        if (!Advapi32.INSTANCE.OpenThreadToken(Kernel32.INSTANCE.GetCurrentThread(), WinNT.TOKEN_QUERY, true, token)) {
          throw new IOException("OpenThreadToken: " + lastError());
        }
      } finally {
        Advapi32.INSTANCE.RevertToSelf();
      }
      try {
        return new PeerIdentity(Advapi32Util.getTokenAccount(token.getValue()).fqn, null);
      } finally {
        Kernel32.INSTANCE.CloseHandle(token.getValue());
      }
    }

    @Override
    public InputStream in() {
      return new InputStream() {
        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          byte[] buf = off == 0 ? b : new byte[len];
          IntByReference read = new IntByReference();
          if (!Kernel32.INSTANCE.ReadFile(pipe, buf, len, read, null)) {
            if (Kernel32.INSTANCE.GetLastError() == WinError.ERROR_BROKEN_PIPE) {
              return -1;
            }
            throw new IOException("ReadFile: " + lastError());
          }
          if (buf != b) {
            System.arraycopy(buf, 0, b, off, read.getValue());
          }
          return read.getValue() == 0 ? -1 : read.getValue();
        }
      };
    }

    @Override
    public OutputStream out() {
      return new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          byte[] buf = off == 0 ? b : java.util.Arrays.copyOfRange(b, off, off + len);
          IntByReference written = new IntByReference();
          if (!Kernel32.INSTANCE.WriteFile(pipe, buf, len, written, null) || written.getValue() != len) {
            throw new IOException("WriteFile: " + lastError());
          }
        }
      };
    }

    @Override
    public void disconnect() {
      Kernel32.INSTANCE.FlushFileBuffers(pipe);
      Kernel32.INSTANCE.DisconnectNamedPipe(pipe);
    }

    @Override
    public void close() throws IOException {
      closed = true;
      // A blocking ConnectNamedPipe returns only when a client comes: be that client (SYSTEM may open the pipe).
      try (RandomAccessFile wake = new RandomAccessFile(name, "rw")) {
        wake.getFD();
      } catch (IOException ignored) {
        // No one was waiting in ConnectNamedPipe.
      }
      Kernel32.INSTANCE.CloseHandle(pipe);
    }
  }
}
