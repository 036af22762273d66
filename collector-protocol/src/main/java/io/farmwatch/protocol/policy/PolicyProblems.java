package io.farmwatch.protocol.policy;

import java.util.List;

/** A policy document refused, with every problem found, each naming its key. */
public final class PolicyProblems extends Exception {

  private final List<String> problems;

  public PolicyProblems(List<String> problems) {
    super(String.join("; ", problems), null, false, false);
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
