package io.farmwatch.agent.runtime.testtime;

import io.farmwatch.agent.input.source.InputEvent;
import io.farmwatch.agent.input.source.InputSource;
import io.farmwatch.agent.input.source.SourceUnavailableException;
import java.util.function.Consumer;

/**
 * A platform input source whose events are stamped with simulated time: the sources stamp real
 * time as events arrive, and the series must be labelled by the same dilated clock that says which
 * minute a report ends in.
 */
public final class DilatedInputSource implements InputSource {

  private final InputSource source;
  private final DilatedClock clock;

  public DilatedInputSource(InputSource source, DilatedClock clock) {
    this.source = source;
    this.clock = clock;
  }

  @Override
  public String name() {
    return source.name();
  }

  @Override
  public void start(Consumer<InputEvent> events) throws SourceUnavailableException {
    source.start(e -> events.accept(new InputEvent(clock.simulated(e.epochMillis()), e.kind(), e.synthetic())));
  }

  @Override
  public void close() {
    source.close();
  }
}
