package io.farmwatch.agent.helper.service;

/**
 * Who is at the other end of a helper connection, as the operating system vouches for it
 * ({@code SO_PEERCRED} on a Unix socket, the client token of a named pipe); never what the peer says.
 *
 * @param user the account name, e.g. {@code alice} or {@code CORP\alice}
 * @param group the primary group, or null where the platform gives none
 */
public record PeerIdentity(String user, String group) {}
