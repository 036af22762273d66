package io.farmwatch.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.farmwatch.collector.http.Json;
import io.farmwatch.collector.correlate.AlertStatus;
import io.farmwatch.collector.store.Actor;
import io.farmwatch.collector.store.AlertCursor;
import io.farmwatch.collector.store.AlertHistoryEntry;
import io.farmwatch.collector.store.AlertQuery;
import io.farmwatch.collector.store.AlertRecord;
import io.farmwatch.collector.store.ApiKey;
import io.farmwatch.collector.store.DeviceRecord;
import io.farmwatch.collector.store.InvalidAlertQuery;
import io.farmwatch.collector.store.Storage;
import io.farmwatch.collector.store.StoredReport;
import io.farmwatch.protocol.ErrorCode;
import io.farmwatch.protocol.ProtocolJson;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The read and triage API for security analysts. Authentication happens before these run. */
public final class AnalystApi {

  static final int DEFAULT_PAGE = 100;
  static final int MAX_PAGE = 1000;
  static final int RECENT_REPORTS = 20;
  /** Rows read from storage at a time while a page streams. */
  static final int CHUNK = 50;
  /** A triage change: a status and a comment of at most 4,000 characters, each perhaps escaped. */
  static final int MAX_TRIAGE_BODY = 32 * 1024;
  static final int MAX_COMMENT = 4000;
  /** Machines an alert's detail describes; a farm larger than this lists the rest in {@code deviceIds} only. */
  static final int MAX_ALERT_MACHINES = 500;

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

  /**
   * {@code GET /api/v1/alerts?status=&kind=&severity=&minSeverity=&device=&updatedSince=&from=&to=&sort=&cursor=&limit=}:
   * streamed like the machines; {@code next} is the cursor of the page after, null at the end.
   */
  public void alerts(Context ctx) throws IOException {
    AlertQuery query = alertQuery(ctx, () -> AlertQueryParameters.page(ctx.queryParamMap(), storage.alertCursors(),
        DEFAULT_PAGE));
    if (query == null) {
      return;
    }
    StreamedPage page = StreamedPage.open(ctx, "alerts", query.limit());
    AlertCursor after = query.cursor();
    boolean more = true;
    while (more && !page.full()) {
      List<AlertRecord> chunk = storage.alerts(query.page(after, CHUNK));
      more = chunk.size() == CHUNK;
      Map<String, List<AlertHistoryEntry>> histories =
          storage.alertHistories(chunk.stream().map(AlertRecord::alertId).toList());
      for (AlertRecord a : chunk) {
        if (!page.add(AlertJson.of(a, histories.getOrDefault(a.alertId(), List.of())))) {
          break;
        }
        after = AlertCursor.after(query.sort(), a);
      }
    }
    page.finish(page.full() ? storage.alertCursors().encode(after) : null);
  }

  /** {@code GET /api/v1/alerts/counts} with the list's filters: how many, by kind, severity and status. */
  public void alertCounts(Context ctx) {
    AlertQuery query = alertQuery(ctx, () -> AlertQueryParameters.filters(ctx.queryParamMap()));
    if (query != null) {
      Json.send(ctx, 200, storage.alertCounts(query));
    }
  }

  /** The query the parameters ask for, or null after answering {@code bad_parameter}. */
  private static AlertQuery alertQuery(Context ctx, Supplier<AlertQuery> parse) {
    try {
      return parse.get();
    } catch (InvalidAlertQuery e) {
      Json.error(ctx, ErrorCode.BAD_PARAMETER, e.getMessage());
      return null;
    }
  }

  /**
   * {@code GET /api/v1/alerts/{id}}: the alert, its history, and who each machine it names is: its
   * host name and the roster's employee, as far as they are known.
   */
  public void alert(Context ctx) throws IOException {
    var alert = storage.alert(ctx.pathParam("id"));
    if (alert.isEmpty()) {
      Json.error(ctx, ErrorCode.NOT_FOUND, "no such alert");
      return;
    }
    Json.send(ctx, 200, detail(alert.get()));
  }

  private ObjectNode detail(AlertRecord a) throws IOException {
    ObjectNode node = AlertJson.withHistory(a, storage.alertHistory(a.alertId()));
    List<String> ids = new ArrayList<>();
    node.get("deviceIds").forEach(id -> ids.add(id.asText()));
    Map<String, MachineView> machines = new LinkedHashMap<>();
    Set<String> rosterKeys = new HashSet<>();
    for (String id : ids.subList(0, Math.min(ids.size(), MAX_ALERT_MACHINES))) {
      MachineView m = storage.device(id).map(MachineView::of).orElse(null);
      machines.put(id, m);
      rosterKeys.add(id);
      if (m != null && m.summary() != null && m.summary().serial() != null) {
        rosterKeys.add(m.summary().serial());
      }
    }
    Map<String, String> employees = new HashMap<>();
    storage.rosterEntries(rosterKeys).forEach(e -> employees.put(e.deviceKey(), e.employee()));
    ArrayNode out = node.putArray("machines");
    machines.forEach((id, m) -> {
      ObjectNode n = out.addObject();
      n.put("deviceId", id);
      String serial = m == null || m.summary() == null ? null : m.summary().serial();
      n.put("hostname", m == null ? null : m.hostname());
      n.put("employee", employees.getOrDefault(id, serial == null ? null : employees.get(serial)));
    });
    return node;
  }

  /**
   * {@code PATCH /api/v1/alerts/{id}} with {@code {"status": ..., "comment": ...}}: the change goes to
   * the alert's history under the key's ID and name; the answer is the alert as {@link #alert} gives it.
   */
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
    List<AlertStatus> settable = Arrays.stream(AlertStatus.values()).filter(AlertStatus::analystMaySet).toList();
    if (status != null && (!status.isTextual() || AlertStatus.parse(status.asText()) == null)) {
      Json.error(ctx, ErrorCode.MALFORMED_REQUEST, "status must be one of " + settable);
      return;
    }
    if (comment != null && (!comment.isTextual() || comment.asText().length() > MAX_COMMENT)) {
      Json.error(ctx, ErrorCode.MALFORMED_REQUEST, "comment must be a string of at most " + MAX_COMMENT + " characters");
      return;
    }
    if (status == null && comment == null) {
      Json.error(ctx, ErrorCode.MALFORMED_REQUEST, "give a status, a comment or both");
      return;
    }
    if (status != null && !AlertStatus.parse(status.asText()).analystMaySet()) {
      Json.error(ctx, ErrorCode.STATUS_NOT_SETTABLE,
          status.asText() + " is set by the collector only; analysts set one of " + settable);
      return;
    }
    if (status != null && existing.get().status().equals(AlertStatus.MERGED.name())) {
      Json.error(ctx, ErrorCode.STATUS_NOT_SETTABLE,
          "this alert was merged into another (see its history); triage that one");
      return;
    }
    var updated = storage.triageAlert(existing.get().alertId(), status == null ? null : status.asText(),
        comment == null ? null : comment.asText(), Actor.of(key), clock.instant());
    if (updated.isEmpty()) {
      Json.error(ctx, ErrorCode.NOT_FOUND, "no such alert");
      return;
    }
    Json.send(ctx, 200, detail(updated.get()));
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
