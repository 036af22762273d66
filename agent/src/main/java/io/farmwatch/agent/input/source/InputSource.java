package io.farmwatch.agent.input.source;

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

  /** The source of a platform that has none: it never starts, and says why. */
  static InputSource none(String reason) {
    return new InputSource() {
      @Override
      public String name() {
        return "none";
      }

      @Override
      public void start(Consumer<InputEvent> events) throws SourceUnavailableException {
        throw new SourceUnavailableException(reason);
      }

      @Override
      public void close() {}
    };
  }
}
