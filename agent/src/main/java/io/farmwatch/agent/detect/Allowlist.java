package io.farmwatch.agent.detect;

import io.farmwatch.agent.probe.signer.Signer;
import java.util.List;
import java.util.Locale;

/**
 * The company's own sanctioned tools (its RMM, its corporate VPN). A match turns what would be an
 * alert into an informational ALLOWED_TOOL finding, so the fleet view still shows it.
 */
public record Allowlist(List<Entry> entries) {

  /**
   * One sanctioned tool; every given pattern must match. Patterns are case-insensitive and may use
   * {@code *} as a wildcard.
   *
   * @param name the catalog name, e.g. {@code NinjaOne}
   * @param path the executable path, e.g. {@code /opt/ninjarmm/*}
   * @param signer the executable's signer: its {@link Signer#name() name} or {@link Signer#id() id},
   *     e.g. {@code TeamViewer Germany GmbH} (Authenticode publisher), {@code H7UGFBUGV6} (macOS team),
   *     a Debian package's maintainer; an executable without a signer never matches it
   */
  public record Entry(String name, String path, String signer) {}

  public static final Allowlist NONE = new Allowlist(List.of());

  public Allowlist {
    entries = List.copyOf(entries);
  }

  /** @param signer who vouches for the executable, or null when nobody does or it is unknown */
  public boolean allows(String toolName, String path, Signer signer) {
    return entries.stream().anyMatch(e -> (e.name() != null || e.path() != null || e.signer() != null)
        && matches(e.name(), toolName) && matches(e.path(), path) && signedBy(e.signer(), signer));
  }

  private static boolean signedBy(String pattern, Signer signer) {
    return pattern == null
        || signer != null && (matches(pattern, signer.name()) || matches(pattern, signer.id()));
  }

  static boolean matches(String pattern, String value) {
    if (pattern == null) {
      return true;
    }
    if (value == null) {
      return false;
    }
    String regex = ("\\Q" + pattern.toLowerCase(Locale.ROOT) + "\\E").replace("*", "\\E.*\\Q");
    return value.toLowerCase(Locale.ROOT).matches(regex);
  }
}
