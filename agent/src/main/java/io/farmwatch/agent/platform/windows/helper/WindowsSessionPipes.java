package io.farmwatch.agent.platform.windows.helper;

import io.farmwatch.agent.helper.service.PeerIdentity;
import io.farmwatch.agent.platform.windows.service.SessionChange;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's side of the session pipes: at each logon a pipe for that session, open to that
 * session's user only, served on a thread of its own; at logoff the pipe goes. Whoever connects is
 * taken from the pipe client's token, and the conversation (the shared SessionConversation) decides.
 */
public final class WindowsSessionPipes implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WindowsSessionPipes.class);

  /** The Windows calls behind the pipes; {@link WindowsPipeCalls} makes them, tests fake them. */
  public interface PipeCalls {
    /** The sessions someone is logged on to now (for a service started after the logons). */
    List<Integer> loggedOnSessions() throws IOException;

    /** Who is logged on to the session, or null when nobody is. */
    SessionUser userOf(int sessionId) throws IOException;

    /** Creates the session's pipe, open to that SID only. */
    ServerEnd create(int sessionId, String userSid) throws IOException;
  }

  /** A session's user: the account name the gate compares and the SID the pipe's DACL names. */
  public record SessionUser(String account, String sid) {}

  /** The server end of one session's pipe: one client at a time. */
  public interface ServerEnd extends Closeable {
    /** Waits for a client and returns who its token says it is; fails once the end is closed. */
    PeerIdentity accept() throws IOException;

    InputStream in();

    OutputStream out();

    /** Ends the current client's connection, so the next one can connect. */
    void disconnect();
  }

  /** One connection's conversation: SessionConversation.serve. */
  @FunctionalInterface
  public interface Conversation {
    void serve(PeerIdentity peer, InputStream in, OutputStream out) throws IOException;
  }

  private final PipeCalls calls;
  private final OpenSessions sessions;
  private final Conversation conversation;
  private final Map<Integer, ServerEnd> ends = new ConcurrentHashMap<>();

  public WindowsSessionPipes(PipeCalls calls, OpenSessions sessions, Conversation conversation) {
    this.calls = calls;
    this.sessions = sessions;
    this.conversation = conversation;
  }

  /** Opens the pipes of the sessions logged on before the service started. */
  public void openLoggedOn() {
    try {
      calls.loggedOnSessions().forEach(this::open);
    } catch (IOException e) {
      LOG.warn("cannot list the logged-on sessions: {}", e.getMessage());
    }
  }

  /** The service host's session-change listener. */
  public void sessionChanged(SessionChange change) {
    switch (change.kind()) {
      case LOGON -> open(change.sessionId());
      case LOGOFF -> close(change.sessionId());
      default -> { }
    }
  }

  private synchronized void open(int sessionId) {
    close(sessionId);
    ServerEnd end;
    try {
      SessionUser user = calls.userOf(sessionId);
      if (user == null) {
        return;
      }
      end = calls.create(sessionId, user.sid());
      sessions.loggedOn(sessionId, user.account());
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("no session helper pipe for session {}: {}", sessionId, e.getMessage());
      return;
    }
    ends.put(sessionId, end);
    Thread serving = new Thread(() -> serve(sessionId, end), "session-pipe-" + sessionId);
    serving.setDaemon(true);
    serving.start();
  }

  private synchronized void close(int sessionId) {
    sessions.loggedOff(sessionId);
    ServerEnd end = ends.remove(sessionId);
    if (end != null) {
      try {
        end.close();
      } catch (IOException e) {
        LOG.debug("closing the pipe of session {}: {}", sessionId, e.getMessage());
      }
    }
  }

  private void serve(int sessionId, ServerEnd end) {
    while (ends.get(sessionId) == end) {
      PeerIdentity peer;
      try {
        peer = end.accept();
      } catch (IOException e) {
        if (ends.get(sessionId) == end) {
          LOG.warn("the pipe of session {} failed: {}", sessionId, e.getMessage());
          close(sessionId);
        }
        return;
      }
      try {
        conversation.serve(peer, end.in(), end.out());
      } catch (IOException | RuntimeException e) {
        LOG.warn("session helper connection in session {} ended: {}", sessionId, e.toString());
      } finally {
        end.disconnect();
      }
    }
  }

  @Override
  public void close() {
    ends.keySet().forEach(this::close);
  }
}
