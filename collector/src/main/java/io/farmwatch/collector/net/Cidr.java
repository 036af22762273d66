package io.farmwatch.collector.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** An address block such as {@code 10.0.0.0/8}; parses literals only, never resolves names. */
public record Cidr(byte[] network, int prefix) {

  /**
   * Blocks a site numbers itself from: RFC 1918 and IPv6 unique-local. Link-local (fe80::/10) and
   * carrier-grade NAT (100.64.0.0/10) are left out: the same fe80::1 or ISP-side address turns up
   * on unrelated networks, so it would tie together sites that share nothing.
   */
  private static final List<Cidr> PRIVATE =
      List.of(parse("10.0.0.0/8"), parse("172.16.0.0/12"), parse("192.168.0.0/16"), parse("fc00::/7"));

  public static Cidr parse(String text) {
    String[] parts = text.strip().split("/", 2);
    byte[] address = literal(parts[0]);
    int bits = address.length * 8;
    int prefix;
    try {
      prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' has a prefix that is not a number");
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("'" + text + "' has a prefix outside 0-" + bits);
    }
    return new Cidr(address, prefix);
  }

  public boolean contains(String address) {
    byte[] candidate;
    try {
      candidate = literal(address);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return contains(candidate);
  }

  /** Whether an address already parsed (4 or 16 bytes) lies in this block. */
  public boolean contains(byte[] candidate) {
    if (candidate.length != network.length) {
      return false;
    }
    for (int bit = 0; bit < prefix; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** Whether an address literal (an IPv6 zone such as {@code %eth0} allowed) lies in a private block. */
  public static boolean isPrivate(String address) {
    int zone = address.indexOf('%');
    String bare = zone < 0 ? address : address.substring(0, zone);
    return PRIVATE.stream().anyMatch(block -> block.contains(bare));
  }

  /** Whether an address already parsed (4 or 16 bytes) lies in a private block. */
  public static boolean isPrivate(byte[] address) {
    return PRIVATE.stream().anyMatch(block -> block.contains(address));
  }

  public static byte[] literal(String text) {
    String s = text.strip();
    boolean looksLiteral = !s.isEmpty() && (s.indexOf(':') >= 0 || s.chars().allMatch(c -> c == '.' || Character.isDigit(c)));
    if (!looksLiteral) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address literal");
    }
    try {
      return InetAddress.getByName(s).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address literal");
    }
  }
}
