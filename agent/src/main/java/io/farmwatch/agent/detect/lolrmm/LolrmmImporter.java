package io.farmwatch.agent.detect.lolrmm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.farmwatch.agent.detect.catalog.ExecutableNames;
import io.farmwatch.agent.detect.catalog.ToolEntry;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a folder of tool descriptions in the public LOLRMM format, one YAML file per tool, as the
 * project publishes them: {@code Name}, {@code Category}, executable names from
 * {@code Details.PEMetadata} ({@code Filename}, {@code OriginalFileName}) and
 * {@code Details.InstallationPaths}, and {@code Artifacts.Network} domains and ports. Any of these
 * may be a list, a single mapping or value, empty or missing; other fields are ignored. A file that
 * cannot be used is reported with its reason and the rest still load.
 */
public final class LolrmmImporter {

  static final long MAX_FILE_BYTES = 1024 * 1024;
  /** Ports every program uses (web, DNS, STUN, Windows file sharing, dev servers), which say nothing about a tool. */
  static final Set<Integer> ORDINARY_PORTS = Set.of(21, 22, 53, 80, 123, 135, 137, 138, 139, 161, 443, 445,
      1900, 3000, 3478, 5000, 5353, 5355, 5555, 8000, 8080, 8443, 10000);
  /** Listeners above this are ephemeral: any program may hold one. */
  static final int FIRST_DYNAMIC_PORT = 49152;
  /** A wildcard name needs this many literal leading characters to say which tool it is. */
  static final int MIN_GLOB_PREFIX = 5;
  private static final Pattern PLAIN_NAME = Pattern.compile("[a-z0-9_+\\-]+");

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
  private final OrdinaryPrograms ordinary;

  public LolrmmImporter() {
    this(OrdinaryPrograms.builtin());
  }

  LolrmmImporter(OrdinaryPrograms ordinary) {
    this.ordinary = ordinary;
  }

  public ImportResult importFolder(Path folder) {
    List<ToolEntry> tools = new ArrayList<>();
    List<ImportProblem> problems = new ArrayList<>();
    List<IgnoredName> ignored = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      problems.add(new ImportProblem(folder, "not a folder"));
      return new ImportResult(tools, problems, ignored);
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(folder, "*.{yaml,yml}")) {
      listing.forEach(files::add);
    } catch (IOException e) {
      problems.add(new ImportProblem(folder, "cannot list: " + e.getMessage()));
    }
    files.sort(null);
    for (Path file : files) {
      try {
        tools.add(read(file, ignored));
      } catch (MalformedToolException e) {
        problems.add(new ImportProblem(file, e.getMessage()));
      }
    }
    tools.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
    return new ImportResult(tools, problems, ignored);
  }

  static final class MalformedToolException extends Exception {
    MalformedToolException(String message) {
      super(message);
    }
  }

  private ToolEntry read(Path file, List<IgnoredName> ignored) throws MalformedToolException {
    JsonNode root;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new MalformedToolException("larger than " + MAX_FILE_BYTES + " bytes");
      }
      root = yaml.readTree(file.toFile());
    } catch (IOException e) {
      throw new MalformedToolException("not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) {
      throw new MalformedToolException("not a YAML mapping");
    }
    String name = text(root.get("Name"));
    if (name == null) {
      throw new MalformedToolException("missing 'Name'");
    }
    JsonNode details = root.path("Details");
    List<String> candidates = new ArrayList<>();
    for (JsonNode pe : items(details.path("PEMetadata"))) {
      candidates.add(text(pe.get("Filename")));
      candidates.add(text(pe.get("OriginalFileName")));
    }
    List<String> paths = new ArrayList<>();
    for (JsonNode p : items(details.path("InstallationPaths"))) {
      String path = text(p);
      if (path == null) {
        continue;
      }
      String last = lastSegment(path);
      if (last.length() < path.length()) {
        String refused = refusal(last);
        if (refused == null || refused.isEmpty() || last.equals("*")) {
          paths.add(path); // a folder, or a file path that names the tool; not one that names any program
        }
      }
      if (!last.equals("*")) {
        candidates.add(last);
      }
    }
    Set<String> exe = new LinkedHashSet<>();
    for (String candidate : candidates) {
      if (candidate == null || candidate.isEmpty()) {
        continue;
      }
      String reason = refusal(candidate);
      if (reason == null) {
        exe.add(OrdinaryPrograms.stem(candidate));
      } else if (!reason.isEmpty() && !ignored.contains(new IgnoredName(file, candidate, reason))) {
        ignored.add(new IgnoredName(file, candidate, reason));
      }
    }
    Set<String> domains = new LinkedHashSet<>();
    Set<Integer> ports = new LinkedHashSet<>();
    for (JsonNode net : items(root.path("Artifacts").path("Network"))) {
      for (JsonNode d : items(net.path("Domains"))) {
        String domain = text(d);
        if (domain != null) {
          domains.add(domain.replaceFirst("^\\*\\.", ""));
        }
      }
      for (JsonNode port : items(net.path("Ports"))) {
        String value = text(port);
        if (value != null && value.matches("\\d{1,5}")) {
          int p = Integer.parseInt(value);
          if (p > 0 && p < FIRST_DYNAMIC_PORT && !ORDINARY_PORTS.contains(p)) {
            ports.add(p);
          }
        }
      }
    }
    if (exe.isEmpty() && paths.isEmpty()) {
      throw new MalformedToolException("'" + name + "' names no usable executable (Details.PEMetadata Filename or"
          + " OriginalFileName, Details.InstallationPaths) and no installation folder, so nothing could match it");
    }
    String category = text(root.get("Category"));
    return new ToolEntry(name, category == null ? "rmm" : category.toLowerCase(Locale.ROOT), List.copyOf(exe),
        paths, List.copyOf(ports), List.copyOf(domains), List.of(), "lolrmm:" + file.getFileName());
  }

  /**
   * Why a file name cannot identify the tool: null when it can, an empty string when it is no
   * executable at all (an installer, a library, a note such as "requires sign up"), which is not
   * worth listing.
   */
  String refusal(String fileName) {
    String stem = OrdinaryPrograms.stem(fileName);
    boolean executable = fileName.toLowerCase(Locale.ROOT).matches(".*\\.(exe|app)")
        || PLAIN_NAME.matcher(stem.replace("*", "")).matches() && !stem.contains(".");
    if (!executable || stem.replace("*", "").replace("?", "").isEmpty()) {
      return stem.contains("*") && stem.replace("*", "").isEmpty() ? "matches any program" : "";
    }
    int wildcard = indexOfWildcard(stem);
    if (wildcard >= 0) {
      if (wildcard < MIN_GLOB_PREFIX) {
        return "a wildcard after fewer than " + MIN_GLOB_PREFIX + " letters matches unrelated programs";
      }
      if (ordinary.matchedBy(ExecutableNames.glob(stem))) {
        return "the wildcard matches an ordinary program's name";
      }
      return null;
    }
    if (stem.length() <= 2) {
      return "two letters or fewer name no particular program";
    }
    if (ordinary.contains(stem)) {
      return "an ordinary program or a generic name (see ordinary-executables.txt)";
    }
    return null;
  }

  private static String lastSegment(String path) {
    return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  }

  private static int indexOfWildcard(String s) {
    int star = s.indexOf('*');
    int question = s.indexOf('?');
    return star < 0 ? question : question < 0 ? star : Math.min(star, question);
  }

  /** A field as the list it may be written as: a list, one mapping or value, or nothing at all. */
  private static Iterable<JsonNode> items(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull() || node.isTextual() && node.asText().isBlank()) {
      return List.of();
    }
    return node.isArray() ? node : List.of(node);
  }

  private static String text(JsonNode node) {
    if (node == null || !(node.isTextual() || node.isNumber())) {
      return null;
    }
    String s = node.asText().strip();
    return s.isEmpty() ? null : s;
  }
}
