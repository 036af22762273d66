package io.farmwatch.agent.platform.windows.helper;

import io.farmwatch.agent.helper.service.SessionUsers;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Windows sessions someone is logged on to, with the account (DOMAIN\name) of each, as the
 * service learns them from session changes: the session gate's "who owns a graphical session".
 */
public final class OpenSessions implements SessionUsers {

  private final Map<Integer, String> accounts = new ConcurrentHashMap<>();

  void loggedOn(int sessionId, String account) {
    accounts.put(sessionId, account);
  }

  void loggedOff(int sessionId) {
    accounts.remove(sessionId);
  }

  /** Windows account names are case-insensitive: CORP\Alice and corp\alice are one user. */
  @Override
  public boolean hasGraphicalSession(String user) {
    return user != null && accounts.values().stream().anyMatch(user::equalsIgnoreCase);
  }
}
