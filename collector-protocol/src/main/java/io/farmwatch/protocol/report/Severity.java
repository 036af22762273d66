package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Ordered from least to most urgent. */
public enum Severity {
  @JsonEnumDefaultValue
  INFO,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL
}
