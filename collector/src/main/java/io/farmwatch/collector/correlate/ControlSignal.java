package io.farmwatch.collector.correlate;

import io.farmwatch.protocol.report.Severity;

/** A finding that says someone other than a person at the keyboard may drive the device. */
public record ControlSignal(Signal signal, String name, Severity severity) {}
