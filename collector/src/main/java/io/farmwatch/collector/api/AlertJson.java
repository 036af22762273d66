package io.farmwatch.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.farmwatch.collector.store.AlertRecord;
import io.farmwatch.protocol.ProtocolJson;
import java.io.IOException;

/** An alert in the shape {@code GET /api/v1/alerts} documents. */
final class AlertJson {

  private AlertJson() {}

  static JsonNode of(AlertRecord a) throws IOException {
    ObjectMapper m = ProtocolJson.mapper();
    ObjectNode node = m.createObjectNode();
    node.put("id", a.alertId());
    node.put("kind", a.kind());
    node.put("severity", a.severity());
    node.put("score", a.score());
    node.set("deviceIds", m.readTree(a.deviceIdsJson()));
    node.set("evidence", m.readTree(a.evidenceJson()));
    node.put("summary", a.summary());
    node.put("firstSeen", a.firstSeen().toString());
    node.put("lastSeen", a.lastSeen().toString());
    node.put("status", a.status());
    node.set("comments", m.readTree(a.commentsJson()));
    return node;
  }
}
