package io.farmwatch.agent.runtime.config;

import io.farmwatch.agent.detect.Allowlist;
import io.farmwatch.protocol.Durations;
import static io.farmwatch.agent.runtime.config.ConfigKey.*;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.farmwatch.agent.detect.Allowlist;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the agent's YAML configuration and validates all of it at once, so an administrator fixes
 * every mistake in one round instead of one per restart. Unknown keys are errors too: a misspelt
 * key silently falling back to its default is how limits end up not applied.
 */
public final class ConfigLoader {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);
  private static final Set<String> LEVELS = Set.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");

  private ConfigLoader() {}

  /** Loads {@code file}; a null file means all defaults. */
  public static AgentConfig load(Path file) throws ConfigException {
    if (file == null) {
      return AgentConfig.defaults();
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(file.toString(), List.of("(file): cannot be read: " + e));
    }
    return parse(text, file.toAbsolutePath().getParent(), file.toString());
  }

  /**
   * Parses YAML text. Relative paths in it resolve against {@code baseDir}, the config file's
   * folder, so a config and its pinned certificate can be shipped together.
   */
  public static AgentConfig parse(String yaml, Path baseDir, String source) throws ConfigException {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JacksonException e) {
      throw new ConfigException(source, List.of("(file): not valid YAML: " + e.getOriginalMessage()));
    }
    Reader r = new Reader(baseDir);
    AgentConfig defaults = AgentConfig.defaults();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return defaults;
    }
    if (!root.isObject()) {
      throw new ConfigException(source, List.of("(file): must be a mapping of sections"));
    }
    r.checkMapping(root, "");

    URI url = r.url(r.at(root, COLLECTOR_URL), COLLECTOR_URL.path());
    String token = r.string(r.at(root, COLLECTOR_ENROLL_TOKEN), COLLECTOR_ENROLL_TOKEN.path(), null);
    boolean allowPlainHttp = r.bool(r.at(root, COLLECTOR_ALLOW_PLAIN_HTTP), COLLECTOR_ALLOW_PLAIN_HTTP.path(), false);
    Duration timeout = r.duration(r.at(root, COLLECTOR_TIMEOUT), COLLECTOR_TIMEOUT.path(), defaults.requestTimeout(),
        Duration.ofSeconds(1));
    Duration deadline = r.duration(r.at(root, COLLECTOR_DEADLINE), COLLECTOR_DEADLINE.path(),
        defaults.requestDeadline(), Duration.ofSeconds(1));
    Path pinned = r.existingFile(r.at(root, COLLECTOR_TLS_PINNED_CERTIFICATE), COLLECTOR_TLS_PINNED_CERTIFICATE.path());

    Duration interval = r.duration(r.at(root, SCHEDULE_INTERVAL), SCHEDULE_INTERVAL.path(), defaults.interval(),
        Duration.ofSeconds(1));
    double jitter = r.fraction(r.at(root, SCHEDULE_JITTER), SCHEDULE_JITTER.path(), defaults.jitter());

    Duration initialBackoff = r.duration(r.at(root, RETRY_INITIAL_BACKOFF), RETRY_INITIAL_BACKOFF.path(),
        defaults.initialBackoff(), Duration.ofMillis(100));
    Duration maxBackoff = r.duration(r.at(root, RETRY_MAX_BACKOFF), RETRY_MAX_BACKOFF.path(), defaults.maxBackoff(),
        Duration.ofMillis(100));
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      r.error(RETRY_MAX_BACKOFF.path(), "must be >= " + RETRY_INITIAL_BACKOFF.path() + " (" + initialBackoff + ")");
    }

    long maxBytes = r.size(r.at(root, SPOOL_MAX_BYTES), SPOOL_MAX_BYTES.path(), defaults.spool().maxBytes());
    long maxReports =
        r.positiveLong(r.at(root, SPOOL_MAX_REPORTS), SPOOL_MAX_REPORTS.path(), defaults.spool().maxReports());
    if (maxReports > Integer.MAX_VALUE) {
      r.error(SPOOL_MAX_REPORTS.path(), "must be <= " + Integer.MAX_VALUE);
    }

    Privacy privacySettings = new Privacy(
        r.bool(r.at(root, PRIVACY_SEND_COMMAND_LINES), PRIVACY_SEND_COMMAND_LINES.path(),
            Privacy.DEFAULT.sendCommandLines()),
        r.bool(r.at(root, PRIVACY_INPUT_SAMPLING), PRIVACY_INPUT_SAMPLING.path(), Privacy.DEFAULT.inputSampling()));

    List<Allowlist.Entry> allowlist = r.allowlist(r.at(root, DETECTION_ALLOWLIST));
    List<Path> catalogDirs = new ArrayList<>();
    JsonNode dirs = r.at(root, DETECTION_CATALOG_DIRS);
    String dirsKey = DETECTION_CATALOG_DIRS.path();
    if (dirs != null && !dirs.isNull()) {
      if (!dirs.isArray()) {
        r.error(dirsKey, "must be a list of folders");
      } else {
        for (int i = 0; i < dirs.size(); i++) {
          Path dir = r.path(dirs.get(i), dirsKey + "[" + i + "]");
          if (dir != null && !Files.isDirectory(dir)) {
            r.error(dirsKey + "[" + i + "]", "folder " + dir + " does not exist");
          } else if (dir != null) {
            catalogDirs.add(dir);
          }
        }
      }
    }

    Path logDir = r.path(r.at(root, LOGGING_DIR), LOGGING_DIR.path());
    String level = r.string(r.at(root, LOGGING_LEVEL), LOGGING_LEVEL.path(), defaults.logLevel());
    if (level != null && !LEVELS.contains(level.toUpperCase(Locale.ROOT))) {
      r.error(LOGGING_LEVEL.path(), "must be one of " + LEVELS.stream().sorted().toList() + ", got '" + level + "'");
    }

    if (!r.errors.isEmpty()) {
      throw new ConfigException(source, r.errors);
    }
    return new AgentConfig(
        url,
        token,
        allowPlainHttp,
        pinned,
        timeout,
        deadline,
        interval,
        jitter,
        initialBackoff,
        maxBackoff,
        new SpoolLimits(maxBytes, (int) maxReports),
        privacySettings,
        allowlist,
        catalogDirs,
        logDir,
        level.toUpperCase(Locale.ROOT));
  }

  /** Collects errors while reading values, returning defaults for bad ones so reading goes on. */
  private static final class Reader {
    final List<String> errors = new ArrayList<>();
    final Path baseDir;

    Reader(Path baseDir) {
      this.baseDir = baseDir;
    }

    void error(String key, String message) {
      errors.add(key + ": " + message);
    }

    /** Reports unknown keys in this mapping and sections that are not mappings, all the way down. */
    void checkMapping(JsonNode node, String prefix) {
      List<String> names = ConfigKey.namesUnder(prefix);
      allowOnly(node, prefix, names);
      for (String name : names) {
        if (!ConfigKey.namesUnder(prefix + name + ".").isEmpty()) {
          checkMapping(section(node, name, prefix + name), prefix + name + ".");
        }
      }
    }

    JsonNode section(JsonNode parent, String name, String key) {
      JsonNode node = parent.get(name);
      if (node == null || node.isNull()) {
        return YAML.createObjectNode();
      }
      if (!node.isObject()) {
        error(key, "must be a mapping, got " + describe(node));
        return YAML.createObjectNode();
      }
      return node;
    }

    void allowOnly(JsonNode node, String prefix, List<String> keys) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!keys.contains(name)) {
          error(prefix + name, "unknown key (known here: " + String.join(", ", keys) + ")");
        }
      }
    }

    /** The value at {@code key}, or null when it or a section on its way is absent or not a mapping. */
    JsonNode at(JsonNode root, ConfigKey key) {
      JsonNode node = root;
      for (String name : key.path().split("\\.")) {
        if (node == null || !node.isObject()) {
          return null;
        }
        node = node.get(name);
      }
      return node;
    }

    String string(JsonNode node, String key, String fallback) {
      if (node == null || node.isNull()) {
        return fallback;
      }
      if (!node.isTextual() || node.asText().isBlank()) {
        error(key, "must be a non-empty string, got " + describe(node));
        return fallback;
      }
      return node.asText();
    }

    boolean bool(JsonNode node, String key, boolean fallback) {
      if (node == null || node.isNull()) {
        return fallback;
      }
      if (!node.isBoolean()) {
        error(key, "must be true or false, got " + describe(node));
        return fallback;
      }
      return node.booleanValue();
    }

    URI url(JsonNode node, String key) {
      String text = string(node, key, null);
      if (text == null) {
        return null;
      }
      try {
        URI uri = new URI(text);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
          error(key, "must be an https:// (or http://) URL, got '" + text + "'");
          return null;
        }
        if (uri.getHost() == null) {
          error(key, "has no host: '" + text + "'");
          return null;
        }
        return uri;
      } catch (URISyntaxException e) {
        error(key, "is not a URL: " + e.getMessage());
        return null;
      }
    }

    Path path(JsonNode node, String key) {
      String text = string(node, key, null);
      return text == null ? null : baseDir.resolve(text).normalize();
    }

    Path existingFile(JsonNode node, String key) {
      Path path = path(node, key);
      if (path != null && !Files.isReadable(path)) {
        error(key, "file " + path + " does not exist or is not readable");
        return null;
      }
      return path;
    }

    Duration duration(JsonNode node, String key, Duration fallback, Duration min) {
      if (node == null || node.isNull()) {
        return fallback;
      }
      Duration value = null;
      if (node.isIntegralNumber()) {
        value = Duration.ofSeconds(node.longValue());
      } else if (node.isTextual()) {
        value = parseDuration(node.asText().strip());
      }
      if (value == null) {
        error(key, "must be a duration such as 90s, 5m, 1h or PT5M, got " + describe(node));
        return fallback;
      }
      if (value.compareTo(min) < 0) {
        error(key, "must be >= " + min + ", got " + value);
        return fallback;
      }
      return value;
    }

    double fraction(JsonNode node, String key, double fallback) {
      if (node == null || node.isNull()) {
        return fallback;
      }
      if (!node.isNumber() || node.doubleValue() < 0 || node.doubleValue() >= 1) {
        error(key, "must be a number >= 0 and < 1 (a fraction of the interval), got " + describe(node));
        return fallback;
      }
      return node.doubleValue();
    }

    long positiveLong(JsonNode node, String key, long fallback) {
      if (node == null || node.isNull()) {
        return fallback;
      }
      if (!node.isIntegralNumber() || !node.canConvertToLong()) {
        error(key, "must be a whole number, got " + describe(node));
        return fallback;
      }
      if (node.longValue() <= 0) {
        error(key, "must be > 0, got " + node.longValue());
        return fallback;
      }
      return node.longValue();
    }

    long size(JsonNode node, String key, long fallback) {
      if (node == null || node.isNull() || node.isIntegralNumber()) {
        return positiveLong(node, key, fallback);
      }
      Matcher m = node.isTextual() ? SIZE.matcher(node.asText().strip()) : null;
      if (m == null || !m.matches()) {
        error(key, "must be a size such as 52428800, 512KB or 50MB, got " + describe(node));
        return fallback;
      }
      String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
      int shift = switch (unit) {
        case "KB" -> 10;
        case "MB" -> 20;
        case "GB" -> 30;
        default -> 0;
      };
      long value;
      try {
        value = Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
      } catch (ArithmeticException | NumberFormatException e) {
        error(key, "is too large: " + node.asText());
        return fallback;
      }
      if (value <= 0) {
        error(key, "must be > 0, got " + node.asText());
        return fallback;
      }
      return value;
    }

    List<Allowlist.Entry> allowlist(JsonNode node) {
      String key = DETECTION_ALLOWLIST.path();
      if (node == null || node.isNull()) {
        return List.of();
      }
      if (!node.isArray()) {
        error(key, "must be a list of {name, path, signer}, got " + describe(node));
        return List.of();
      }
      List<Allowlist.Entry> entries = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        String at = key + "[" + i + "]";
        JsonNode item = node.get(i);
        if (!item.isObject()) {
          error(at, "must be a mapping with name, path and/or signer, got " + describe(item));
          continue;
        }
        allowOnly(item, at + ".", List.of("name", "path", "signer"));
        Allowlist.Entry entry =
            new Allowlist.Entry(
                string(item.get("name"), at + ".name", null),
                string(item.get("path"), at + ".path", null),
                string(item.get("signer"), at + ".signer", null));
        if (entry.name() == null && entry.path() == null && entry.signer() == null) {
          error(at, "needs at least one of name, path, signer (an empty pattern would allow everything)");
          continue;
        }
        entries.add(entry);
      }
      return entries;
    }

    private static Duration parseDuration(String text) {
      try {
        return Durations.parse(text);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    private static String describe(JsonNode node) {
      return node.isContainerNode() ? node.getNodeType().toString().toLowerCase(Locale.ROOT) : "'" + node.asText() + "'";
    }
  }
}
