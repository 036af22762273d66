package io.farmwatch.agent.runtime.enroll;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The silent-enrollment settings an installer leaves for the service: collector URL, one-time token
 * and the SHA-256 of the collector's certificate, in the KEY=VALUE format of the Linux packages'
 * /etc/farmwatch/agent.env (the same keys; the Windows MSI writes %ProgramData%\FarmWatch\agent.env).
 */
public record SilentEnrollmentSettings(String collectorUrl, String enrollToken, String pinnedSha256) {

  public static final String URL_KEY = "FARMWATCH_COLLECTOR_URL";
  public static final String TOKEN_KEY = "FARMWATCH_ENROLL_TOKEN";
  public static final String PIN_KEY = "FARMWATCH_PINNED_SHA256";
  /** Ten lines of settings fit with room to spare; anything larger is not this file. */
  static final int MAX_BYTES = 16 * 1024;
  static final int MAX_VALUE_CHARS = 2048;
  private static final Pattern SHA256 = Pattern.compile("(?i)[0-9a-f]{2}(:?[0-9a-f]{2}){31}");

  /** A value or file that cannot be a setting: named, so an installer's log says what to fix. */
  public static final class InvalidSettingsException extends IOException {
    public InvalidSettingsException(String message) {
      super(message);
    }
  }

  public SilentEnrollmentSettings {
    collectorUrl = blankToNull(collectorUrl);
    enrollToken = blankToNull(enrollToken);
    pinnedSha256 = blankToNull(pinnedSha256);
  }

  /** Checks each value given; blank values are "not given". */
  public static SilentEnrollmentSettings of(String url, String token, String sha256) throws InvalidSettingsException {
    SilentEnrollmentSettings s = new SilentEnrollmentSettings(url, token, sha256);
    for (Map.Entry<String, String> e : s.entries().entrySet()) {
      String v = e.getValue();
      if (v != null && (v.length() > MAX_VALUE_CHARS || v.chars().anyMatch(Character::isISOControl))) {
        throw new InvalidSettingsException(e.getKey() + " must be one line of at most " + MAX_VALUE_CHARS + " characters");
      }
    }
    if (s.collectorUrl != null) {
      try {
        URI u = new URI(s.collectorUrl);
        if (!"https".equalsIgnoreCase(u.getScheme()) && !"http".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
          throw new InvalidSettingsException(URL_KEY + " must be an https:// (or http://) URL with a host, not " + s.collectorUrl);
        }
      } catch (URISyntaxException e) {
        throw new InvalidSettingsException(URL_KEY + " is not a URL: " + e.getMessage());
      }
    }
    if (s.pinnedSha256 != null && !SHA256.matcher(s.pinnedSha256).matches()) {
      throw new InvalidSettingsException(PIN_KEY + " must be the 64 hex digits of a SHA-256 (colons allowed)");
    }
    return s;
  }

  /** Reads the file (the last line of a key wins, as with the Linux script); an absent file has no settings. */
  public static SilentEnrollmentSettings read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return new SilentEnrollmentSettings(null, null, null);
    }
    if (Files.size(file) > MAX_BYTES) {
      throw new InvalidSettingsException(file + " is larger than " + MAX_BYTES + " bytes; it is not a settings file");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith("#")) {
        String v = line.substring(eq + 1).strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        values.put(line.substring(0, eq).strip(), v);
      }
    }
    return of(values.get(URL_KEY), values.get(TOKEN_KEY), values.get(PIN_KEY));
  }

  /** These settings with the given ones laid over them: a reinstall may change the URL alone. */
  public SilentEnrollmentSettings overriddenBy(SilentEnrollmentSettings given) {
    return new SilentEnrollmentSettings(first(given.collectorUrl, collectorUrl), first(given.enrollToken, enrollToken),
        first(given.pinnedSha256, pinnedSha256));
  }

  /** The same settings with the token used up. */
  public SilentEnrollmentSettings withoutToken() {
    return new SilentEnrollmentSettings(collectorUrl, null, pinnedSha256);
  }

  /** What enrollment still lacks, by key, as the Linux script names it; empty when complete. */
  public List<String> missing() {
    List<String> m = new ArrayList<>();
    if (collectorUrl == null) {
      m.add(URL_KEY);
    }
    if (enrollToken == null) {
      m.add(TOKEN_KEY);
    }
    if (collectorUrl != null && collectorUrl.toLowerCase(Locale.ROOT).startsWith("https://") && pinnedSha256 == null) {
      m.add(PIN_KEY);
    }
    return m;
  }

  /** The pin as lower-case hex without colons. */
  public String pinnedSha256Hex() {
    return pinnedSha256 == null ? null : pinnedSha256.replace(":", "").toLowerCase(Locale.ROOT);
  }

  /**
   * Replaces the file (written aside, then moved) after {@code protect} has narrowed the new file's
   * access, so the token is never readable by others, not even for a moment.
   */
  public void write(Path file, FileProtection protect) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".new");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp);
    protect.restrict(tmp);
    StringBuilder text = new StringBuilder("# FarmWatch agent silent enrollment (written by the installer; the token is blanked once used)\n");
    entries().forEach((k, v) -> text.append(k).append('=').append(v == null ? "" : v).append('\n'));
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Narrows a file's access to the service's account and administrators (an ACL on Windows, mode 600 elsewhere). */
  @FunctionalInterface
  public interface FileProtection {
    void restrict(Path file) throws IOException;
  }

  private Map<String, String> entries() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(URL_KEY, collectorUrl);
    m.put(TOKEN_KEY, enrollToken);
    m.put(PIN_KEY, pinnedSha256);
    return m;
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
