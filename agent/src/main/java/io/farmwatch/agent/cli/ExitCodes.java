package io.farmwatch.agent.cli;

/** Exit codes of the runtime commands; the sysexits.h values let systemd tell them apart. */
final class ExitCodes {
  static final int OK = 0;
  static final int FAILED = 1;
  /** EX_NOPERM: the collector refuses this device (revoked); restarting will not help. */
  static final int DEVICE_REFUSED = 77;
  /** EX_CONFIG: the configuration is invalid; restarting will not help. */
  static final int CONFIG = 78;

  private ExitCodes() {}
}
