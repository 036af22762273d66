package io.farmwatch.agent.detect.lolrmm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.farmwatch.agent.detect.catalog.ToolEntry;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a folder of tool descriptions in the public LOLRMM format (one YAML file per tool:
 * {@code Name}, {@code Category}, {@code Details.PEMetadata[].Filename},
 * {@code Details.InstallationPaths[]}, {@code Artifacts.Network[].Domains/Ports}), so security
 * teams can pull community updates. A broken file is reported and skipped; the rest still load.
 */
public final class LolrmmImporter {

  static final long MAX_FILE_BYTES = 1024 * 1024;
  static final Set<Integer> WEB_PORTS = Set.of(53, 80, 443, 8080, 8443);

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  public ImportResult importFolder(Path folder) {
    List<ToolEntry> tools = new ArrayList<>();
    List<ImportProblem> problems = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      problems.add(new ImportProblem(folder, "not a folder"));
      return new ImportResult(tools, problems);
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.{yaml,yml}")) {
      for (Path file : files) {
        try {
          tools.add(read(file));
        } catch (MalformedToolException e) {
          problems.add(new ImportProblem(file, e.getMessage()));
        }
      }
    } catch (IOException e) {
      problems.add(new ImportProblem(folder, "cannot list: " + e.getMessage()));
    }
    tools.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
    return new ImportResult(tools, problems);
  }

  static final class MalformedToolException extends Exception {
    MalformedToolException(String message) {
      super(message);
    }
  }

  private ToolEntry read(Path file) throws MalformedToolException {
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
    JsonNode name = root.get("Name");
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      throw new MalformedToolException("missing 'Name'");
    }
    Set<String> exe = new LinkedHashSet<>();
    for (JsonNode pe : array(root.path("Details").path("PEMetadata"), "Details.PEMetadata")) {
      JsonNode filename = pe.get("Filename");
      if (filename != null && filename.isTextual() && !filename.asText().isBlank()) {
        exe.add(filename.asText().strip());
      }
    }
    List<String> paths = new ArrayList<>();
    for (JsonNode p : array(root.path("Details").path("InstallationPaths"), "Details.InstallationPaths")) {
      if (p.isTextual() && !p.asText().isBlank()) {
        paths.add(p.asText().strip());
      }
    }
    Set<String> domains = new LinkedHashSet<>();
    Set<Integer> ports = new LinkedHashSet<>();
    for (JsonNode net : array(root.path("Artifacts").path("Network"), "Artifacts.Network")) {
      for (JsonNode d : array(net.path("Domains"), "Artifacts.Network[].Domains")) {
        if (d.isTextual()) {
          domains.add(d.asText().strip().replaceFirst("^\\*\\.", ""));
        }
      }
      for (JsonNode port : array(net.path("Ports"), "Artifacts.Network[].Ports")) {
        // LOLRMM lists the ports tools connect out on; web and DNS ports say nothing about a tool.
        if (port.canConvertToInt() && port.asInt() > 0 && port.asInt() < 65536
            && !WEB_PORTS.contains(port.asInt())) {
          ports.add(port.asInt());
        }
      }
    }
    if (exe.isEmpty() && paths.isEmpty()) {
      throw new MalformedToolException("'" + name.asText() + "' names no executable (Details.PEMetadata[].Filename)"
          + " and no installation path, so nothing could ever match it");
    }
    String category = root.path("Category").isTextual() ? root.get("Category").asText() : "rmm";
    return new ToolEntry(name.asText().strip(), category, List.copyOf(exe), paths, List.copyOf(ports),
        List.copyOf(domains), List.of(), "lolrmm:" + file.getFileName());
  }

  private static Iterable<JsonNode> array(JsonNode node, String field) throws MalformedToolException {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new MalformedToolException("'" + field + "' must be a list");
    }
    return node;
  }
}
