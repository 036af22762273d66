package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * One minute of input timing.
 *
 * @param activeSeconds seconds of the minute in which any input happened
 * @param syntheticEvents events the OS flagged as injected or that came from a virtual device
 * @param remoteSession a remote-access session was open during this minute (left out when false, so
 *     read as false when absent: the mapper otherwise refuses a missing primitive)
 */
public record InputMinute(
    int activeSeconds, int keyEvents, int pointerEvents, int syntheticEvents,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonSetter(nulls = Nulls.AS_EMPTY) boolean remoteSession) {

  /** A minute with no remote session open. */
  public InputMinute(int activeSeconds, int keyEvents, int pointerEvents, int syntheticEvents) {
    this(activeSeconds, keyEvents, pointerEvents, syntheticEvents, false);
  }
}
