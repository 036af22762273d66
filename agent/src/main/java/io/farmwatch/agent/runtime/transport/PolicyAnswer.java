package io.farmwatch.agent.runtime.transport;

/** What the collector said to a policy fetch (PROTOCOL.md 7.4). */
public sealed interface PolicyAnswer {

  /** A signed policy, not yet verified. */
  record Fetched(byte[] signed) implements PolicyAnswer {}

  /** 304: the version the agent runs is the newest. */
  record Unchanged() implements PolicyAnswer {}

  /** 404: no policy was ever set. */
  record NoPolicy() implements PolicyAnswer {}

  /** Anything else: an unreachable collector, or a refusal the reason describes. */
  record Failed(String reason) implements PolicyAnswer {}
}
