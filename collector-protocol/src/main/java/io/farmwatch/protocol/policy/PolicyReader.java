package io.farmwatch.protocol.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.farmwatch.protocol.ProtocolJson;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a policy document key by key and only then makes the typed {@link Policy} of it, so a bad
 * document is refused with every problem at once, each naming its key ({@code allowlist[2].name:
 * ...}), and an unknown key is a problem rather than silently ignored: a misspelt switch must not
 * pass for a policy that was applied. The collector reads administrators' drafts with it, the agent
 * the signed policies it fetches.
 */
public final class PolicyReader {

  /** Largest policy JSON, and so the largest body of {@code PUT /api/v1/policy}. */
  public static final int MAX_POLICY_BYTES = 256 * 1024;
  public static final int MAX_TOOLS = 1024;
  public static final int MAX_ALLOWLIST = 1024;
  public static final int MAX_EXE_NAMES = 32;
  public static final int MAX_PORTS = 32;
  public static final int MAX_NAME_CHARS = 256;
  public static final int MAX_PATH_CHARS = 1024;
  public static final int MIN_INTERVAL_SECONDS = 60;
  public static final int MAX_INTERVAL_SECONDS = 86_400;

  private static final Set<String> DRAFT_KEYS =
      Set.of("schemaVersion", "catalog", "allowlist", "privacy", "reportIntervalSeconds");
  private static final Set<String> ISSUED_KEYS = Set.of("schemaVersion", "version", "issuedAt", "catalog",
      "allowlist", "privacy", "reportIntervalSeconds");

  private PolicyReader() {}

  /** An administrator's draft: the collector assigns {@code version} and {@code issuedAt}. */
  public static Policy draft(JsonNode document) throws PolicyProblems {
    return read(document, false);
  }

  /** A policy as the collector signed it: numbered, dated, of a schema this reader knows. */
  public static Policy issued(byte[] json) throws PolicyProblems {
    if (json.length > MAX_POLICY_BYTES) {
      throw new PolicyProblems(List.of("policy: " + json.length + " bytes, over the limit of " + MAX_POLICY_BYTES));
    }
    JsonNode document;
    try {
      document = ProtocolJson.mapper().readTree(json);
    } catch (IOException e) {
      throw new PolicyProblems(List.of("policy: not JSON"));
    }
    return read(document, true);
  }

  private static Policy read(JsonNode document, boolean issued) throws PolicyProblems {
    List<String> problems = new ArrayList<>();
    if (document == null || !document.isObject()) {
      throw new PolicyProblems(List.of("policy: must be a JSON object"));
    }
    JsonNode schema = document.path("schemaVersion");
    if (schema.isMissingNode() && issued) {
      problems.add("schemaVersion: required");
    } else if (!schema.isMissingNode() && !(schema.isInt() && schema.intValue() == Policy.SCHEMA_VERSION)) {
      // Checked first and alone: the rest of a newer schema may mean something this reader cannot know.
      throw new PolicyProblems(List.of("schemaVersion: " + Text.quote(schema) + " is not a schema this "
          + (issued ? "agent" : "collector") + " knows (" + Policy.SCHEMA_VERSION + ")"));
    }
    Set<String> allowed = issued ? ISSUED_KEYS : DRAFT_KEYS;
    for (Iterator<String> names = document.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        problems.add(Text.key(name) + ": "
            + (ISSUED_KEYS.contains(name) ? "set by the collector, not in a draft" : "unknown key"));
      }
    }
    if (issued) {
      JsonNode version = document.path("version");
      if (!(version.isIntegralNumber() && version.canConvertToLong() && version.longValue() > 0)) {
        problems.add("version: must be a positive integer");
      }
      JsonNode at = document.path("issuedAt");
      if (!at.isTextual() || !isInstant(at.textValue())) {
        problems.add("issuedAt: must be an ISO-8601 instant in UTC");
      }
    }
    checkCatalog(document.path("catalog"), problems);
    checkAllowlist(document.path("allowlist"), problems);
    checkPrivacy(document.path("privacy"), problems);
    JsonNode interval = document.path("reportIntervalSeconds");
    if (!interval.isMissingNode() && !(interval.isInt() && interval.intValue() >= MIN_INTERVAL_SECONDS
        && interval.intValue() <= MAX_INTERVAL_SECONDS)) {
      problems.add("reportIntervalSeconds: must be an integer from " + MIN_INTERVAL_SECONDS + " to "
          + MAX_INTERVAL_SECONDS);
    }
    if (!problems.isEmpty()) {
      throw new PolicyProblems(problems);
    }
    try {
      // A draft may leave the schema implicit: it is the one this collector writes.
      ObjectNode complete = ((ObjectNode) document).deepCopy().put("schemaVersion", Policy.SCHEMA_VERSION);
      return ProtocolJson.mapper().treeToValue(complete, Policy.class);
    } catch (IOException e) {
      throw new IllegalStateException("a checked policy always binds", e);
    }
  }

  private static void checkCatalog(JsonNode catalog, List<String> problems) {
    if (catalog.isMissingNode()) {
      return;
    }
    if (!catalog.isObject()) {
      problems.add("catalog: must be an object");
      return;
    }
    unknownKeys(catalog, "catalog", Set.of("remoteAccess"), problems);
    JsonNode tools = catalog.path("remoteAccess");
    if (tools.isMissingNode() || !list(tools, "catalog.remoteAccess", MAX_TOOLS, problems)) {
      return;
    }
    for (int i = 0; i < tools.size(); i++) {
      String at = "catalog.remoteAccess[" + i + "]";
      JsonNode tool = tools.get(i);
      if (!tool.isObject()) {
        problems.add(at + ": must be an object");
        continue;
      }
      unknownKeys(tool, at, Set.of("name", "exe", "ports"), problems);
      requiredText(tool.path("name"), at + ".name", MAX_NAME_CHARS, problems);
      JsonNode exe = tool.path("exe");
      if (exe.isMissingNode() || exe.isEmpty()) {
        problems.add(at + ".exe: at least one executable name is required");
      } else if (list(exe, at + ".exe", MAX_EXE_NAMES, problems)) {
        for (int j = 0; j < exe.size(); j++) {
          requiredText(exe.get(j), at + ".exe[" + j + "]", MAX_NAME_CHARS, problems);
        }
      }
      JsonNode ports = tool.path("ports");
      if (!ports.isMissingNode() && list(ports, at + ".ports", MAX_PORTS, problems)) {
        for (int j = 0; j < ports.size(); j++) {
          JsonNode port = ports.get(j);
          if (!(port.isInt() && port.intValue() >= 1 && port.intValue() <= 65_535)) {
            problems.add(at + ".ports[" + j + "]: must be an integer from 1 to 65535");
          }
        }
      }
    }
  }

  private static void checkAllowlist(JsonNode allowlist, List<String> problems) {
    if (allowlist.isMissingNode() || !list(allowlist, "allowlist", MAX_ALLOWLIST, problems)) {
      return;
    }
    Map<String, Integer> limits = Map.of("name", MAX_NAME_CHARS, "path", MAX_PATH_CHARS, "signer", MAX_NAME_CHARS);
    for (int i = 0; i < allowlist.size(); i++) {
      String at = "allowlist[" + i + "]";
      JsonNode entry = allowlist.get(i);
      if (!entry.isObject()) {
        problems.add(at + ": must be an object");
        continue;
      }
      unknownKeys(entry, at, limits.keySet(), problems);
      boolean any = false;
      for (Map.Entry<String, Integer> field : limits.entrySet()) {
        JsonNode value = entry.path(field.getKey());
        if (!value.isMissingNode()) {
          any = true;
          requiredText(value, at + "." + field.getKey(), field.getValue(), problems);
        }
      }
      if (!any) {
        problems.add(at + ": needs at least one of name, path, signer");
      }
    }
  }

  private static void checkPrivacy(JsonNode privacy, List<String> problems) {
    if (privacy.isMissingNode()) {
      return;
    }
    if (!privacy.isObject()) {
      problems.add("privacy: must be an object");
      return;
    }
    Set<String> switches = Set.of("sendCommandLines", "inputSampling");
    unknownKeys(privacy, "privacy", switches, problems);
    for (String name : switches) {
      JsonNode value = privacy.path(name);
      if (!value.isMissingNode() && !value.isBoolean()) {
        problems.add("privacy." + name + ": must be true or false");
      }
    }
  }

  /** True if the node is a list within its limit; otherwise notes why not. */
  private static boolean list(JsonNode node, String at, int max, List<String> problems) {
    if (!node.isArray()) {
      problems.add(at + ": must be a list");
      return false;
    }
    if (node.size() > max) {
      problems.add(at + ": " + node.size() + " items, over the limit of " + max);
      return false;
    }
    return true;
  }

  private static void requiredText(JsonNode node, String at, int max, List<String> problems) {
    if (!node.isTextual() || node.textValue().isBlank()) {
      problems.add(at + ": must be a non-empty string");
    } else if (node.textValue().length() > max) {
      problems.add(at + ": " + node.textValue().length() + " characters, over the limit of " + max);
    }
  }

  private static void unknownKeys(JsonNode node, String at, Set<String> known, List<String> problems) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.add(at + "." + Text.key(name) + ": unknown key");
      }
    }
  }

  private static boolean isInstant(String text) {
    try {
      Instant.parse(text);
      return text.endsWith("Z");
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** Keys and values quoted back in problems are the sender's: cut short and made printable. */
  private static final class Text {
    static String key(String name) {
      String printable = name.replaceAll("[^\\x20-\\x7e]", "?");
      return printable.length() > 64 ? printable.substring(0, 64) + "…" : printable;
    }

    static String quote(JsonNode value) {
      return key(value.toString());
    }
  }
}
