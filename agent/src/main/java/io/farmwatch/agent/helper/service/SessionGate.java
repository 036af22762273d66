package io.farmwatch.agent.helper.service;

import io.farmwatch.agent.helper.Refusal;
import io.farmwatch.agent.helper.SessionLimits;
import io.farmwatch.agent.helper.SessionRefusedException;
import java.util.HashSet;
import java.util.Set;

/**
 * Decides which helper connections the service takes: only from a user who owns a graphical
 * session, one connection per user, and {@link SessionLimits#MAX_CONNECTIONS} in all, so no user's
 * process can pose as another's session or tie the service up.
 */
public final class SessionGate {

  /** An admitted connection; closing it frees the user's place. */
  public final class Admission implements AutoCloseable {
    private final String user;
    private boolean closed;

    private Admission(String user) {
      this.user = user;
    }

    public String user() {
      return user;
    }

    /** Whether the user still owns a graphical session: false once they logged off. */
    public boolean inSession() {
      return sessions.hasGraphicalSession(user);
    }

    @Override
    public void close() {
      synchronized (SessionGate.this) {
        if (!closed) {
          closed = true;
          connected.remove(user);
        }
      }
    }
  }

  private final SessionUsers sessions;
  private final int maxConnections;
  private final Set<String> connected = new HashSet<>();

  public SessionGate(SessionUsers sessions) {
    this(sessions, SessionLimits.MAX_CONNECTIONS);
  }

  SessionGate(SessionUsers sessions, int maxConnections) {
    this.sessions = sessions;
    this.maxConnections = maxConnections;
  }

  /** Admits the peer or says why not. */
  public Admission admit(PeerIdentity peer) throws SessionRefusedException {
    String user = peer == null ? null : peer.user();
    if (user == null || user.isEmpty()) {
      throw new SessionRefusedException(Refusal.NOT_SESSION_USER, "the peer's user is unknown");
    }
    // Asked outside the lock: it may read logind's files or run loginctl.
    boolean owns = sessions.hasGraphicalSession(user);
    synchronized (this) {
      if (!owns) {
        throw new SessionRefusedException(Refusal.NOT_SESSION_USER,
            "user " + user + " has no graphical session on this machine");
      }
      if (connected.contains(user)) {
        throw new SessionRefusedException(Refusal.ALREADY_CONNECTED,
            "a session helper of user " + user + " is already connected");
      }
      if (connected.size() >= maxConnections) {
        throw new SessionRefusedException(Refusal.BUSY, maxConnections + " session helpers are connected already");
      }
      connected.add(user);
      return new Admission(user);
    }
  }
}
