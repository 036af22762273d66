package io.farmwatch.agent.runtime.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What the run loop last did, persisted in the state folder for {@code farmwatch-agent status}.
 *
 * @param lastSuccessAt when the collector last acknowledged a report
 * @param lastAcceptedSequence sequence of that report
 * @param lastError the most recent failure, or null once a later send succeeded
 * @param stopped why the agent stopped sending for good (revoked device...), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentStatus(
    Instant lastCollectionAt,
    Instant lastSuccessAt,
    Long lastAcceptedSequence,
    StatusError lastError,
    StatusError stopped) {

  public static final AgentStatus EMPTY = new AgentStatus(null, null, null, null, null);

  /**
   * @param kind {@code unreachable}, {@code report_rejected}, {@code device_rejected}...
   * @param code the collector's error code, when it gave one
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StatusError(Instant at, String kind, String code, String message) {}

  public AgentStatus collected(Instant at) {
    return new AgentStatus(at, lastSuccessAt, lastAcceptedSequence, lastError, stopped);
  }

  public AgentStatus delivered(Instant at, long sequence) {
    return new AgentStatus(lastCollectionAt, at, sequence, null, stopped);
  }

  public AgentStatus failed(StatusError error) {
    return new AgentStatus(lastCollectionAt, lastSuccessAt, lastAcceptedSequence, error, stopped);
  }

  public AgentStatus stop(StatusError reason) {
    return new AgentStatus(lastCollectionAt, lastSuccessAt, lastAcceptedSequence, reason, reason);
  }
}
