package io.farmwatch.collector.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.farmwatch.collector.ingest.MachineSummary;
import io.farmwatch.collector.store.DeviceRecord;
import io.farmwatch.protocol.ProtocolJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** A machine as the analyst API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MachineView(
    String deviceId, String hostname, String agentVersion, Instant enrolledAt, boolean revoked,
    Instant lastSeen, String lastEgress, Long lastSequence, MachineSummary summary) {

  static MachineView of(DeviceRecord d) {
    MachineSummary summary = null;
    if (d.summaryJson() != null) {
      try {
        summary = ProtocolJson.mapper().readValue(d.summaryJson(), MachineSummary.class).bounded();
      } catch (IOException e) {
        throw new UncheckedIOException("stored summary of " + d.deviceId() + " is unreadable", e);
      }
    }
    return new MachineView(d.deviceId(), d.hostname(), d.agentVersion(), d.enrolledAt(), d.revoked(),
        d.lastSeen(), d.lastEgress(), d.lastSequence() < 0 ? null : d.lastSequence(), summary);
  }
}
