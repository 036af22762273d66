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
 * @param refusedReports reports the collector refused for good and the agent discarded, since
 *     enrollment
 * @param freshReplays fresh reports in a row the collector answered 409 replayed, which means it
 *     holds a higher sequence than this device's counter; 0 once a report is accepted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentStatus(
    Instant lastCollectionAt,
    Instant lastSuccessAt,
    Long lastAcceptedSequence,
    StatusError lastError,
    StatusError stopped,
    Long refusedReports,
    Integer freshReplays) {

  public static final AgentStatus EMPTY = new AgentStatus(null, null, null, null, null, 0L, 0);

  /** Boxed so that a status.json written before they were counted still loads (as 0). */
  public AgentStatus {
    refusedReports = refusedReports == null ? 0L : refusedReports;
    freshReplays = freshReplays == null ? 0 : freshReplays;
  }

  /**
   * @param kind {@code unreachable}, {@code report_rejected}, {@code device_rejected}...
   * @param code the collector's error code, when it gave one
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StatusError(Instant at, String kind, String code, String message) {}

  public AgentStatus collected(Instant at) {
    return new AgentStatus(at, lastSuccessAt, lastAcceptedSequence, lastError, stopped, refusedReports, freshReplays);
  }

  public AgentStatus delivered(Instant at, long sequence) {
    return new AgentStatus(lastCollectionAt, at, sequence, null, stopped, refusedReports, 0);
  }

  public AgentStatus failed(StatusError error) {
    return new AgentStatus(
        lastCollectionAt, lastSuccessAt, lastAcceptedSequence, error, stopped, refusedReports, freshReplays);
  }

  /** A report refused for good; {@code replayed} when the refusal was a 409 for a fresh report. */
  public AgentStatus refused(StatusError error, boolean replayed) {
    return new AgentStatus(lastCollectionAt, lastSuccessAt, lastAcceptedSequence, error, stopped,
        refusedReports + 1, replayed ? freshReplays + 1 : freshReplays);
  }

  public AgentStatus stop(StatusError reason) {
    return new AgentStatus(
        lastCollectionAt, lastSuccessAt, lastAcceptedSequence, reason, reason, refusedReports, freshReplays);
  }
}
