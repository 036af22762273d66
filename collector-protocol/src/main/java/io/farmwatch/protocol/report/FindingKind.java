package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** What kind of thing a finding is. Kinds a reader does not know become {@link #OTHER}. */
public enum FindingKind {
  REMOTE_ACCESS,
  REMOTE_SESSION,
  VPN,
  IP_KVM,
  MOUSE_JIGGLER,
  VIRTUAL_MACHINE,
  VIRTUAL_DISPLAY,
  SYNTHETIC_INPUT,
  LOCALE_MISMATCH,
  ALLOWED_TOOL,
  @JsonEnumDefaultValue
  OTHER
}
