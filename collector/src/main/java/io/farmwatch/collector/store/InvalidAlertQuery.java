package io.farmwatch.collector.store;

/** An alert query that cannot run as asked; {@link #parameter()} names the API parameter at fault. */
public final class InvalidAlertQuery extends IllegalArgumentException {

  private final String parameter;

  public InvalidAlertQuery(String parameter, String problem) {
    super(parameter + " " + problem);
    this.parameter = parameter;
  }

  public String parameter() {
    return parameter;
  }
}
