package io.farmwatch.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.farmwatch.collector.http.Json;
import io.farmwatch.collector.correlate.AlertStatus;
import io.farmwatch.collector.store.Actor;
import io.farmwatch.collector.store.AlertRecord;
import io.farmwatch.collector.store.ApiKey;
import io.farmwatch.collector.store.DeviceRecord;
import io.farmwatch.collector.store.Storage;
import io.farmwatch.collector.store.StoredReport;
import io.farmwatch.protocol.ErrorCode;
import io.farmwatch.protocol.ProtocolJson;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The read and triage API for security analysts. Authentication happens before these run. */
public final class AnalystApi {

  static final int DEFAULT_PAGE = 100;
  static final int MAX_PAGE = 1000;
  static final int RECENT_REPORTS = 20;
  /** Rows read from storage at a time while a page streams. */
  static final int CHUNK = 50;
  /** A triage change: a status and a comment of at most 4,000 characters, each perhaps escaped. */
  static final int MAX_TRIAGE_BODY = 32 * 1024;

  private final Storage storage;
  private final Clock clock;

  public AnalystApi(Storage storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  /**
   * {@code GET /api/v1/machines?limit=N&after=DEVICE_ID}: a page, and the cursor for the next. Read
   * from storage in small chunks and streamed, so neither the answer nor a chunk is ever large.
   */
  public void machines(Context ctx) throws IOException {
    int limit = limit(ctx);
    if (limit < 0) {
      return;
    }
    String after = ctx.queryParam("after");
    StreamedPage page = StreamedPage.open(ctx, "machines", limit);
    boolean more = true;
    while (more && !page.full()) {
      List<DeviceRecord> chunk = storage.devices(after, CHUNK);
      more = chunk.size() == CHUNK;
      for (DeviceRecord d : chunk) {
        if (!page.add(MachineView.of(d))) {
          break;
        }
        after = d.deviceId();
      }
    }
    page.finish(page.full() ? after : null);
  }

  /** {@code GET /api/v1/machines/{id}}: the machine and its recent reports. */
  public void machine(Context ctx) throws IOException {
    String id = ctx.pathParam("id");
    var device = storage.device(id);
    if (device.isEmpty()) {
      Json.error(ctx, ErrorCode.NOT_FOUND, "no such machine");
      return;
    }
    ArrayNode reports = ProtocolJson.mapper().createArrayNode();
    for (StoredReport r : storage.recentReports(id, RECENT_REPORTS)) {
      ObjectNode node = reports.addObject();
      node.put("sequence", r.sequence());
      node.put("receivedAt", r.receivedAt().toString());
      node.put("egress", r.egress());
      node.set("report", ProtocolJson.mapper().readTree(r.payload()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("machine", MachineView.of(device.get()));
    body.put("reports", reports);
    Json.send(ctx, 200, body);
  }

  /** {@code GET /api/v1/alerts?limit=N&offset=M}: streamed like the machines, {@code next} the next offset. */
  public void alerts(Context ctx) throws IOException {
    int limit = limit(ctx);
    if (limit < 0) {
      return;
    }
    int offset = intParam(ctx, "offset", 0);
    if (offset < 0) {
      Json.error(ctx, ErrorCode.BAD_PARAMETER, "offset must be a non-negative integer");
      return;
    }
    StreamedPage page = StreamedPage.open(ctx, "alerts", limit);
    int next = offset;
    boolean more = true;
    while (more && !page.full()) {
      List<AlertRecord> chunk = storage.alerts(CHUNK, next);
      more = chunk.size() == CHUNK;
      for (AlertRecord a : chunk) {
        if (!page.add(AlertJson.of(a))) {
          break;
        }
        next++;
      }
    }
    page.finish(page.full() ? next : null);
  }

  /** {@code PATCH /api/v1/alerts/{id}} with {@code {"status": ..., "comment": ...}}. */
  public void patchAlert(Context ctx, ApiKey key) throws IOException {
    var existing = storage.alert(ctx.pathParam("id"));
    if (existing.isEmpty()) {
      Json.error(ctx, ErrorCode.NOT_FOUND, "no such alert");
      return;
    }
    JsonNode body = ObjectBodies.read(ctx, MAX_TRIAGE_BODY, Set.of("status", "comment"));
    if (body == null) {
      return;
    }
    JsonNode status = body.get("status");
    JsonNode comment = body.get("comment");
    if (status != null && (!status.isTextual() || AlertStatus.parse(status.asText()) == null)) {
      Json.error(ctx, ErrorCode.MALFORMED_REQUEST, "status must be one of " + Arrays.toString(AlertStatus.values()));
      return;
    }
    if (comment != null && (!comment.isTextual() || comment.asText().length() > 4000)) {
      Json.error(ctx, ErrorCode.MALFORMED_REQUEST, "comment must be a string of at most 4000 characters");
      return;
    }
    AlertRecord a = existing.get();
    ArrayNode comments = (ArrayNode) ProtocolJson.mapper().readTree(a.commentsJson());
    if (comment != null) {
      ObjectNode c = comments.addObject();
      c.put("at", clock.instant().toString());
      c.put("by", key.name());
      c.put("byKeyId", key.keyId());
      c.put("text", comment.asText());
    }
    AlertRecord updated = new AlertRecord(a.alertId(), a.kind(), a.severity(), a.score(),
        a.deviceIdsJson(), a.evidenceJson(), a.summary(), a.firstSeen(), a.lastSeen(),
        status == null ? a.status() : status.asText(), comments.toString(), clock.instant());
    storage.triageAlert(updated, Actor.of(key),
        status == null ? "comment" : "status=" + status.asText() + (comment == null ? "" : " and comment"));
    Json.send(ctx, 200, AlertJson.of(updated));
  }

  private static int limit(Context ctx) {
    int limit = intParam(ctx, "limit", DEFAULT_PAGE);
    if (limit < 1 || limit > MAX_PAGE) {
      Json.error(ctx, ErrorCode.BAD_PARAMETER, "limit must be an integer from 1 to " + MAX_PAGE);
      return -1;
    }
    return limit;
  }

  private static int intParam(Context ctx, String name, int fallback) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return Integer.MIN_VALUE;
    }
  }
}
