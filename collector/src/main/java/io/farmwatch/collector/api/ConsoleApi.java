package io.farmwatch.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.collector.activity.ActivityDay;
import io.farmwatch.collector.http.Json;
import io.farmwatch.collector.roster.RosterEntry;
import io.farmwatch.collector.store.AlertRecord;
import io.farmwatch.collector.store.DeviceRecord;
import io.farmwatch.collector.store.Storage;
import io.farmwatch.protocol.ErrorCode;
import io.farmwatch.protocol.ProtocolJson;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the console shows beside the analyst API: an alert's machines with their roster entries, the
 * activity history of a machine or of an alert's machines, and the fleet search with roster
 * entries that never enrolled. Every answer is bounded (days, machines, matches).
 */
public final class ConsoleApi {

  /** The longest history one request reads, and the default when none is asked. */
  static final int MAX_DAYS = 31;
  static final int DEFAULT_DAYS = 14;
  /** Machines of one alert shown with their history and roster entries; a farm larger than this is cut. */
  static final int MAX_ALERT_MACHINES = 500;
  static final int MAX_MATCHES = 200;
  static final int SCAN_CHUNK = 500;

  private final Storage storage;
  private final Duration silentAfter;
  private final Clock clock;

  /** @param silentAfter how long without a report makes an agent silent, as correlation counts it */
  public ConsoleApi(Storage storage, Duration silentAfter, Clock clock) {
    this.storage = storage;
    this.silentAfter = silentAfter;
    this.clock = clock;
  }

  /** {@code GET /api/v1/alerts/{id}/machines}: each machine the alert names, with its roster entry. */
  public void alertMachines(Context ctx) throws IOException {
    List<String> ids = alertDevices(ctx);
    if (ids == null) {
      return;
    }
    Roster roster = new Roster(storage.roster());
    List<Map<String, Object>> out = new ArrayList<>();
    for (String id : ids) {
      storage.device(id).ifPresent(d -> out.add(machineRow(d, roster)));
    }
    Json.send(ctx, 200, Map.of("machines", out));
  }

  /** {@code GET /api/v1/alerts/{id}/activity?days=N}: the last N UTC days of each of its machines. */
  public void alertActivity(Context ctx) throws IOException {
    List<String> ids = alertDevices(ctx);
    long[] range = ids == null ? null : range(ctx);
    if (range == null) {
      return;
    }
    List<Map<String, Object>> devices = new ArrayList<>();
    for (String id : ids) {
      devices.add(Map.of("deviceId", id, "days", days(storage.activityDays(id, range[0], range[1]))));
    }
    Json.send(ctx, 200, Map.of("fromDay", range[0], "toDay", range[1], "devices", devices));
  }

  /** {@code GET /api/v1/machines/{id}/activity?days=N}: the machine's last N UTC days, and its roster entry. */
  public void machineActivity(Context ctx) {
    String id = ctx.pathParam("id");
    var device = storage.device(id);
    if (device.isEmpty()) {
      Json.error(ctx, ErrorCode.NOT_FOUND, "no such machine");
      return;
    }
    long[] range = range(ctx);
    if (range == null) {
      return;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("fromDay", range[0]);
    out.put("toDay", range[1]);
    out.put("days", days(storage.activityDays(id, range[0], range[1])));
    out.put("machine", machineRow(device.get(), new Roster(storage.roster())));
    Json.send(ctx, 200, out);
  }

  /**
   * {@code GET /api/v1/fleet?q=TEXT}: machines whose device ID, hostname, serial or roster employee
   * contains the text (all when empty), at most {@link #MAX_MATCHES}; and the roster entries that
   * name no enrolled machine (issued laptops without an agent).
   */
  public void fleet(Context ctx) {
    String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip().toLowerCase(Locale.ROOT);
    if (q.length() > 200) {
      Json.error(ctx, ErrorCode.BAD_PARAMETER, "q is at most 200 characters");
      return;
    }
    List<RosterEntry> entries = storage.roster();
    Roster roster = new Roster(entries);
    Set<String> enrolledKeys = new HashSet<>();
    List<Map<String, Object>> matches = new ArrayList<>();
    boolean cut = false;
    String after = null;
    List<DeviceRecord> chunk;
    do {
      chunk = storage.devices(after, SCAN_CHUNK);
      for (DeviceRecord d : chunk) {
        after = d.deviceId();
        Map<String, Object> row = machineRow(d, roster);
        MachineView view = (MachineView) row.get("machine");
        String serial = view.summary() == null ? null : view.summary().serial();
        enrolledKeys.add(d.deviceId());
        if (serial != null) {
          enrolledKeys.add(serial);
        }
        if (matches(q, d.deviceId(), d.hostname(), serial, (String) row.get("employee"))) {
          if (matches.size() < MAX_MATCHES) {
            matches.add(row);
          } else {
            cut = true;
          }
        }
      }
    } while (chunk.size() == SCAN_CHUNK);
    List<Map<String, Object>> unenrolled = new ArrayList<>();
    for (RosterEntry e : entries) {
      if (!enrolledKeys.contains(e.deviceKey()) && unenrolled.size() < MAX_MATCHES
          && matches(q, e.deviceKey(), null, null, e.employee())) {
        unenrolled.add(rosterJson(e));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("machines", matches);
    out.put("more", cut);
    out.put("unenrolled", unenrolled);
    Json.send(ctx, 200, out);
  }

  private Map<String, Object> machineRow(DeviceRecord d, Roster roster) {
    MachineView view = MachineView.of(d);
    RosterEntry entry = roster.of(d.deviceId(), view.summary() == null ? null : view.summary().serial());
    Instant now = clock.instant();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("machine", view);
    row.put("employee", entry == null ? null : entry.employee());
    row.put("roster", entry == null ? null : rosterJson(entry));
    row.put("silent", !d.revoked() && (d.lastSeen() == null
        ? d.enrolledAt().plus(silentAfter).isBefore(now) : d.lastSeen().plus(silentAfter).isBefore(now)));
    return row;
  }

  private static boolean matches(String q, String... fields) {
    if (q.isEmpty()) {
      return true;
    }
    for (String f : fields) {
      if (f != null && f.toLowerCase(Locale.ROOT).contains(q)) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, Object> rosterJson(RosterEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("deviceKey", e.deviceKey());
    m.put("employee", e.employee());
    m.put("claimedCountry", e.claimedCountry());
    m.put("claimedRegion", e.claimedRegion());
    m.put("claimedTimezone", e.claimedTimezone());
    return m;
  }

  /** The alert's device IDs (at most {@link #MAX_ALERT_MACHINES}), or null after answering 404. */
  private List<String> alertDevices(Context ctx) throws IOException {
    var alert = storage.alert(ctx.pathParam("id"));
    if (alert.isEmpty()) {
      Json.error(ctx, ErrorCode.NOT_FOUND, "no such alert");
      return null;
    }
    AlertRecord a = alert.get();
    List<String> ids = new ArrayList<>();
    for (JsonNode id : ProtocolJson.mapper().readTree(a.deviceIdsJson())) {
      if (ids.size() < MAX_ALERT_MACHINES) {
        ids.add(id.asText());
      }
    }
    return ids;
  }

  /** The UTC days {@code [from, to]} the request asks for (the last {@code days} up to today), or null after 400. */
  private long[] range(Context ctx) {
    int days = DEFAULT_DAYS;
    String value = ctx.queryParam("days");
    if (value != null) {
      try {
        days = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        days = -1;
      }
    }
    if (days < 1 || days > MAX_DAYS) {
      Json.error(ctx, ErrorCode.BAD_PARAMETER, "days must be an integer from 1 to " + MAX_DAYS);
      return null;
    }
    long today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate().toEpochDay();
    return new long[] {today - days + 1, today};
  }

  /** Each day's minutes as base64 of its 180 stored bytes: minute m is bit m % 8 of byte m / 8. */
  private static List<Map<String, Object>> days(List<ActivityDay> history) {
    Base64.Encoder b64 = Base64.getEncoder();
    List<Map<String, Object>> out = new ArrayList<>();
    for (ActivityDay d : history) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("epochDay", d.epochDay());
      m.put("active", b64.encodeToString(d.active().toBytes()));
      m.put("remote", b64.encodeToString(d.remote().toBytes()));
      m.put("injected", b64.encodeToString(d.injected().toBytes()));
      out.add(m);
    }
    return out;
  }

  /** The roster looked up by device ID or serial, as correlation matches it. */
  private static final class Roster {
    private final Map<String, RosterEntry> byKey = new HashMap<>();

    Roster(List<RosterEntry> entries) {
      entries.forEach(e -> byKey.put(e.deviceKey(), e));
    }

    RosterEntry of(String deviceId, String serial) {
      RosterEntry e = byKey.get(deviceId);
      return e != null || serial == null ? e : byKey.get(serial);
    }
  }
}
