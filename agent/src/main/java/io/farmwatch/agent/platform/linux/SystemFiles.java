package io.farmwatch.agent.platform.linux;

import io.farmwatch.agent.probe.Missing;
import io.farmwatch.agent.probe.Placeholders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads small files of procfs and sysfs under a root that tests can move, and says why a value is
 * missing instead of failing.
 */
public final class SystemFiles {

  private final Path root;

  public SystemFiles(Path root) {
    this.root = root;
  }

  public Path path(String absolute) {
    return root.resolve(absolute.startsWith("/") ? absolute.substring(1) : absolute);
  }

  /** The trimmed content, or empty when the file is missing, unreadable or blank. */
  public Optional<String> read(String absolute) {
    try {
      String text = Files.readString(path(absolute), StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads a value and records why it is missing when it is.
   *
   * @param field the report field this value fills, for {@link Missing}
   */
  public String read(String absolute, String field, Missing missing) {
    Path p = path(absolute);
    try {
      String text = Files.readString(p, StandardCharsets.UTF_8).strip();
      if (text.isEmpty() || Placeholders.isPlaceholder(text)) {
        missing.add(field, absolute, "the firmware left it empty or as a placeholder ('" + text + "')");
        return null;
      }
      return text;
    } catch (NoSuchFileException e) {
      missing.add(field, absolute, "not present on this system");
    } catch (AccessDeniedException e) {
      missing.add(field, absolute, "permission denied (readable by root only)");
    } catch (IOException | RuntimeException e) {
      missing.add(field, absolute, "unreadable: " + e.getMessage());
    }
    return null;
  }

  public byte[] bytes(String absolute) {
    try {
      return Files.readAllBytes(path(absolute));
    } catch (IOException | RuntimeException e) {
      return new byte[0];
    }
  }
}
