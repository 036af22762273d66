package io.farmwatch.collector.egress;

import io.farmwatch.collector.net.Cidr;
import java.util.ArrayList;
import java.util.List;

/**
 * The company's own VPN exits, declared by the operator ({@code --company-vpn-exit}): egress
 * through them is the company's VPN doing its job and never counts. Each block must be public and
 * no wider than a /8 (IPv4) or /16 (IPv6), so a slip such as 0.0.0.0/0 cannot silence every check.
 */
public record CompanyExits(List<Cidr> blocks) {

  public static final CompanyExits NONE = new CompanyExits(List.of());
  static final int MIN_V4_PREFIX = 8;
  static final int MIN_V6_PREFIX = 16;

  public CompanyExits {
    blocks = List.copyOf(blocks);
  }

  /** Parses declared blocks, every problem named with the text that caused it. */
  public static CompanyExits parse(List<String> texts) {
    List<Cidr> blocks = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String text : texts) {
      Cidr c;
      try {
        c = Cidr.parse(text);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
        continue;
      }
      boolean v4 = c.network().length == 4;
      String address = text.strip().split("/", 2)[0];
      if (c.prefix() < (v4 ? MIN_V4_PREFIX : MIN_V6_PREFIX)) {
        problems.add("'" + text + "' is wider than a /" + (v4 ? MIN_V4_PREFIX : MIN_V6_PREFIX)
            + ": a company VPN exit is a few addresses, not a continent");
      } else if (Cidr.isPrivate(address)) {
        problems.add("'" + text + "' is a private block; a VPN exit is the public address the collector sees");
      } else {
        blocks.add(c);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("company VPN exits: " + String.join("; ", problems));
    }
    return new CompanyExits(blocks);
  }

  public boolean contains(String address) {
    return address != null && blocks.stream().anyMatch(b -> b.contains(address));
  }
}
