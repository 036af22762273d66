package io.farmwatch.agent.runtime.transport;

/** The collector answered a request with a 4xx and its reason. */
public final class CollectorRefusedException extends Exception {

  private final int status;
  private final String code;

  public CollectorRefusedException(int status, String code, String message) {
    super("collector refused (HTTP " + status + (code == null ? "" : ", " + code) + "): " + message);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
