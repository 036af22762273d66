package io.farmwatch.agent.runtime.transport;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Decides whether the agent may talk to a collector URL. Telemetry crosses networks the device
 * owner does not control, so cleartext is allowed only where it cannot leave the machine (loopback)
 * or where an administrator explicitly asked for it (labs, tests).
 */
public final class TransportPolicy {

  private TransportPolicy() {}

  public static URI check(URI url, boolean allowPlainHttp) throws PlainHttpRefusedException {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return url;
    }
    if (!scheme.equals("http")) {
      throw new PlainHttpRefusedException("collector URL " + url + " must use https://");
    }
    if (allowPlainHttp || isLoopback(url.getHost())) {
      return url;
    }
    throw new PlainHttpRefusedException(
        "collector URL " + url + " is plain http:// to a non-loopback host; use https://, or pass "
            + "--allow-plain-http at enrollment (or collector.allowPlainHttp: true) for a lab");
  }

  /**
   * Only literal loopback addresses and "localhost" count: a DNS name that happens to resolve to
   * 127.0.0.1 today may resolve elsewhere tomorrow.
   */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+") && !h.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
