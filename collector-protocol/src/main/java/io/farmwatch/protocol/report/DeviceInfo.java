package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Who sent the report and when.
 *
 * @param deviceId assigned by the collector at enrollment; absent before enrollment
 * @param sequence strictly increasing per device; the collector refuses a report whose sequence is
 *     not above the last one it accepted (replay protection)
 * @param collectedAt when the agent finished collecting, UTC
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceInfo(
    String deviceId,
    String agentVersion,
    long sequence,
    Instant collectedAt,
    String hostname,
    OsInfo os) {}
