package io.farmwatch.agent.probe;

import io.farmwatch.protocol.report.LocaleInfo;

/** Language, region, keyboard layouts and input methods. */
public interface LocaleProbe {
  ProbeResult<LocaleInfo> collect();
}
