package io.farmwatch.agent.probe;

import io.farmwatch.protocol.report.Unavailable;
import java.util.List;

/**
 * What a probe read, and what it looked for but could not read.
 *
 * @param value the section, or null when nothing at all could be read
 */
public record ProbeResult<T>(T value, List<Unavailable> unavailable) {

  public ProbeResult {
    unavailable = List.copyOf(unavailable);
  }
}
