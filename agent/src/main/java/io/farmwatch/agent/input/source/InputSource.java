package io.farmwatch.agent.input.source;

import io.farmwatch.agent.input.InputEvent;
import java.util.function.Consumer;

/** Where input timing comes from on one platform. */
public interface InputSource extends AutoCloseable {

  /** A short name for reports, e.g. {@code x11-xinput2}. */
  String name();

  /**
   * Starts delivering events on a thread of the source's own.
   *
   * @throws SourceUnavailableException when this source cannot run here, with the reason
   */
  void start(Consumer<InputEvent> events) throws SourceUnavailableException;

  @Override
  void close();
}
