package io.farmwatch.agent.helper;

/** The service refused a helper (thrown on both ends: where it is decided and where it is read). */
public final class SessionRefusedException extends Exception {

  private final Refusal refusal;
  private final String detail;

  public SessionRefusedException(Refusal refusal, String detail) {
    super(refusal.code() + ": " + detail);
    this.refusal = refusal;
    this.detail = detail;
  }

  public Refusal refusal() {
    return refusal;
  }

  /** The message without the code. */
  public String detail() {
    return detail;
  }
}
