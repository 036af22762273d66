package io.farmwatch.collector.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.farmwatch.collector.store.AlertChange;
import io.farmwatch.collector.store.AlertHistoryEntry;
import io.farmwatch.collector.store.AlertRecord;
import io.farmwatch.protocol.ProtocolJson;
import java.io.IOException;
import java.util.List;

/** An alert in the shape {@code GET /api/v1/alerts} documents. */
final class AlertJson {

  private AlertJson() {}

  /**
   * The alert, with {@code comments} (oldest first, as before histories existed) taken from its
   * history, newest first.
   */
  static ObjectNode of(AlertRecord a, List<AlertHistoryEntry> history) throws IOException {
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
    node.put("updatedAt", a.updatedAt().toString());
    node.put("status", a.status());
    ArrayNode comments = node.putArray("comments");
    for (int i = history.size() - 1; i >= 0; i--) {
      AlertChange h = history.get(i).change();
      if (h.comment() != null) {
        ObjectNode c = comments.addObject();
        c.put("at", h.at().toString());
        c.put("by", h.by().name());
        c.put("byKeyId", h.by().id());
        c.put("text", h.comment());
      }
    }
    return node;
  }

  /** The alert with its history, newest first. */
  static ObjectNode withHistory(AlertRecord a, List<AlertHistoryEntry> history) throws IOException {
    ObjectNode node = of(a, history);
    ArrayNode entries = node.putArray("history");
    for (AlertHistoryEntry e : history) {
      AlertChange h = e.change();
      ObjectNode n = entries.addObject();
      n.put("id", e.entryId());
      n.put("at", h.at().toString());
      n.put("actorId", h.by().id());
      n.put("actorName", h.by().name());
      n.put("action", h.action().name());
      n.put("from", h.fromStatus());
      n.put("to", h.toStatus());
      n.put("comment", h.comment());
    }
    return node;
  }
}
