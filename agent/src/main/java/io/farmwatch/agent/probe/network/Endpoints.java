package io.farmwatch.agent.probe.network;

/** Socket endpoints as command-line tools print them. */
public final class Endpoints {

  private Endpoints() {}

  /** {@code 0.0.0.0:3389}, {@code [::]:3389}, {@code *:5353} into host and port text. */
  public static String[] hostPort(String s) {
    int colon = s.lastIndexOf(':');
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new String[] {host, s.substring(colon + 1)};
  }
}
