package io.farmwatch.protocol.report;

/**
 * One minute of input timing.
 *
 * @param activeSeconds seconds of the minute in which any input happened
 * @param syntheticEvents events the OS flagged as injected or that came from a virtual device
 */
public record InputMinute(
    int activeSeconds, int keyEvents, int pointerEvents, int syntheticEvents) {}
