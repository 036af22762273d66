package io.farmwatch.agent.runtime.config;

/**
 * What the agent may collect beyond the minimum.
 *
 * @param sendCommandLines send process command lines in clear; off by default, when only their
 *     hashes travel
 * @param inputSampling sample input timing (never content)
 */
public record Privacy(boolean sendCommandLines, boolean inputSampling) {

  public static final Privacy DEFAULT = new Privacy(false, true);
}
