package io.farmwatch.collector.correlate;

/** A finding that says someone other than a person at the keyboard may drive the device. */
public record ControlSignal(String kind, String name, String severity) {}
