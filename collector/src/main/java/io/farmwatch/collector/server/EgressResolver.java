package io.farmwatch.collector.server;

import io.farmwatch.collector.net.Cidr;
import java.util.List;

/**
 * The address a report came from. {@code X-Forwarded-For} is believed only when the connection
 * comes from a configured trusted proxy, and then only up to the first hop that is not one:
 * anything further left could have been written by the client itself.
 */
public final class EgressResolver {

  private final List<Cidr> trustedProxies;

  public EgressResolver(List<Cidr> trustedProxies) {
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  public String resolve(String remoteAddress, String forwardedFor) {
    if (forwardedFor == null || !trusted(remoteAddress)) {
      return remoteAddress;
    }
    String[] hops = forwardedFor.split(",");
    String client = remoteAddress;
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      try {
        Cidr.literal(hop);
      } catch (IllegalArgumentException e) {
        return client;
      }
      client = hop;
      if (!trusted(hop)) {
        return hop;
      }
    }
    return client;
  }

  private boolean trusted(String address) {
    return trustedProxies.stream().anyMatch(c -> c.contains(address));
  }
}
