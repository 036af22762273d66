package io.farmwatch.agent.runtime.spool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One signed envelope waiting in the spool.
 *
 * @param carriedDrops the {@code droppedReports} count signed into this report; if this report is
 *     lost too, that count must travel in a later one
 */
public record SpooledReport(Path file, long sequence, long carriedDrops, long size) {

  public byte[] read() throws IOException {
    return Files.readAllBytes(file);
  }
}
