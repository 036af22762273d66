package io.farmwatch.agent.runtime.logging;

import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.rolling.RollingPolicy;
import ch.qos.logback.core.rolling.RolloverFailure;
import ch.qos.logback.core.rolling.helper.CompressionMode;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code file} rolls to {@code file.1}, {@code file.1} to {@code file.2}… and the oldest beyond
 * {@code kept} is deleted: Logback's fixed-window policy without its file-name pattern language,
 * whose parser alone loads dozens of classes into the resident service.
 */
final class NumberedRolling extends ContextAwareBase implements RollingPolicy {

  private final Path file;
  private final int kept;
  private boolean started;

  NumberedRolling(Path file, int kept) {
    this.file = file;
    this.kept = kept;
  }

  @Override
  public void rollover() throws RolloverFailure {
    try {
      Files.deleteIfExists(numbered(kept));
      for (int i = kept - 1; i >= 1; i--) {
        if (Files.exists(numbered(i))) {
          Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new RolloverFailure("cannot roll " + file + ": " + e.getMessage());
    }
  }

  private Path numbered(int i) {
    return file.resolveSibling(file.getFileName() + "." + i);
  }

  @Override
  public String getActiveFileName() {
    return file.toString();
  }

  @Override
  public CompressionMode getCompressionMode() {
    return CompressionMode.NONE;
  }

  @Override
  public void setParent(FileAppender<?> appender) {
    // The file is fixed at construction; the appender opens what getActiveFileName names.
  }

  @Override
  public void start() {
    started = true;
  }

  @Override
  public void stop() {
    started = false;
  }

  @Override
  public boolean isStarted() {
    return started;
  }
}
