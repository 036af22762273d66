package io.farmwatch.agent.probe.locale;

import io.farmwatch.agent.probe.ProbeResult;
import io.farmwatch.protocol.report.LocaleInfo;

/** Language, region, keyboard layouts and input methods. */
public interface LocaleProbe {
  ProbeResult<LocaleInfo> collect();
}
