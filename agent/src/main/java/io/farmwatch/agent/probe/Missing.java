package io.farmwatch.agent.probe;

import io.farmwatch.protocol.report.Unavailable;
import java.util.ArrayList;
import java.util.List;

/** Collects what a probe could not read while it reads the rest. */
public final class Missing {

  private final List<Unavailable> items = new ArrayList<>();

  public void add(String field, String source, String reason) {
    items.add(new Unavailable(field, source, reason));
  }

  public <T> ProbeResult<T> result(T value) {
    return new ProbeResult<>(value, items);
  }
}
