package io.farmwatch.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.collector.auth.Access;
import io.farmwatch.collector.auth.ApiKeys;
import io.farmwatch.collector.auth.Issued;
import io.farmwatch.collector.enroll.EnrollmentService;
import io.farmwatch.collector.http.Json;
import io.farmwatch.collector.store.Actor;
import io.farmwatch.collector.store.ApiKey;
import io.farmwatch.collector.store.ApiRole;
import io.farmwatch.collector.store.AuditEntry;
import io.farmwatch.collector.store.EnrollmentToken;
import io.farmwatch.collector.store.Storage;
import io.farmwatch.protocol.Durations;
import io.farmwatch.protocol.ErrorCode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The admin API: revoking devices, enrollment tokens and API keys, and reading the audit log.
 * Every change is audited with the key that made it (see {@link Storage}).
 */
public final class AdminApi {

  static final int MAX_BODY = 4 * 1024;
  static final int DEFAULT_AUDIT_PAGE = 100;
  static final int MAX_AUDIT_PAGE = 1000;
  /** Device, token and key IDs never hold anything else; other input is refused before any lookup. */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final Storage storage;
  private final EnrollmentService enrollment;
  private final ApiKeys apiKeys;
  private final Consumer<String> deviceRevoked;
  private final Clock clock;

  /** @param deviceRevoked told each revoked device's ID, so caches drop it at once */
  public AdminApi(Storage storage, EnrollmentService enrollment, ApiKeys apiKeys,
      Consumer<String> deviceRevoked, Clock clock) {
    this.storage = storage;
    this.enrollment = enrollment;
    this.apiKeys = apiKeys;
    this.deviceRevoked = deviceRevoked;
    this.clock = clock;
  }

  public void register(RoutesConfig routes, Access access) {
    routes.post("/api/v1/devices/{id}/revoke", access.admin((ctx, key) -> revoke(ctx, key, "device",
        (id, now, by) -> {
          boolean revoked = storage.revokeDevice(id, now, by);
          if (revoked) {
            deviceRevoked.accept(id);
          }
          return revoked;
        })));
    routes.get("/api/v1/tokens", access.admin(this::tokens));
    routes.post("/api/v1/tokens", access.admin(this::createToken));
    routes.delete("/api/v1/tokens/{id}", access.admin((ctx, key) -> revoke(ctx, key, "token", storage::revokeToken)));
    routes.get("/api/v1/apikeys", access.admin(this::apiKeys));
    routes.post("/api/v1/apikeys", access.admin(this::createApiKey));
    routes.delete("/api/v1/apikeys/{id}", access.admin((ctx, key) -> revoke(ctx, key, "API key", storage::revokeApiKey)));
    routes.get("/api/v1/audit", access.admin(this::audit));
  }

  /** One of the storage's revoke methods: false when there is nothing unrevoked with the ID. */
  @FunctionalInterface
  private interface Revocation {
    boolean revoke(String id, Instant now, Actor by);
  }

  private void revoke(Context ctx, ApiKey key, String what, Revocation revocation) {
    String id = id(ctx);
    if (id == null) {
      return;
    }
    if (!revocation.revoke(id, clock.instant(), Actor.of(key))) {
      Json.error(ctx, ErrorCode.NOT_FOUND, "no unrevoked " + what + " with that ID");
      return;
    }
    Json.send(ctx, 200, Map.of("id", id, "state", "revoked"));
  }

  void tokens(Context ctx, ApiKey key) {
    Instant now = clock.instant();
    Json.send(ctx, 200, Map.of("tokens", storage.tokens().stream().map(t -> tokenJson(t, now)).toList()));
  }

  void createToken(Context ctx, ApiKey key) {
    JsonNode body = ObjectBodies.read(ctx, MAX_BODY, Set.of("uses", "expires"));
    if (body == null) {
      return;
    }
    JsonNode uses = body.path("uses");
    if (!uses.isMissingNode() && !(uses.isIntegralNumber() && uses.canConvertToInt())) {
      Json.error(ctx, ErrorCode.MALFORMED_REQUEST, "uses must be an integer");
      return;
    }
    created(ctx, () -> {
      Issued<EnrollmentToken> issued = enrollment.createToken(uses.asInt(1),
          expires(body, Duration.ofDays(7)), Actor.of(key));
      Map<String, Object> out = tokenJson(issued.stored(), clock.instant());
      out.put("token", issued.secret());
      return out;
    });
  }

  void apiKeys(Context ctx, ApiKey key) {
    Instant now = clock.instant();
    Json.send(ctx, 200, Map.of("apiKeys", storage.apiKeys().stream().map(k -> apiKeyJson(k, now)).toList()));
  }

  void createApiKey(Context ctx, ApiKey key) {
    JsonNode body = ObjectBodies.read(ctx, MAX_BODY, Set.of("role", "name", "expires"));
    if (body == null) {
      return;
    }
    ApiRole role = ApiRole.named(body.path("role").isTextual() ? body.get("role").asText() : "").orElse(null);
    if (role == null) {
      Json.error(ctx, ErrorCode.MALFORMED_REQUEST, "role must be \"analyst\" or \"admin\"");
      return;
    }
    if (!body.path("name").isTextual()) {
      Json.error(ctx, ErrorCode.MALFORMED_REQUEST, "name is required and must be a string");
      return;
    }
    created(ctx, () -> {
      Issued<ApiKey> issued = apiKeys.create(role, body.get("name").asText(), expires(body, null), Actor.of(key));
      Map<String, Object> out = apiKeyJson(issued.stored(), clock.instant());
      out.put("key", issued.secret());
      return out;
    });
  }

  /** Answers 201 with what {@code create} made, or 400 with why the request's values were refused. */
  private static void created(Context ctx, Supplier<Map<String, Object>> create) {
    try {
      Json.send(ctx, 201, create.get());
    } catch (IllegalArgumentException e) {
      Json.error(ctx, ErrorCode.MALFORMED_REQUEST, e.getMessage());
    }
  }

  /** {@code GET /api/v1/audit?limit=N&before=ENTRY_ID}: newest first, and the cursor for the next page. */
  void audit(Context ctx, ApiKey key) {
    long limit = longParam(ctx.queryParam("limit"), DEFAULT_AUDIT_PAGE);
    long before = longParam(ctx.queryParam("before"), Long.MAX_VALUE);
    if (limit < 1 || limit > MAX_AUDIT_PAGE || before < 1) {
      Json.error(ctx, ErrorCode.BAD_PARAMETER,
          "limit must be an integer from 1 to " + MAX_AUDIT_PAGE + " and before a positive integer");
      return;
    }
    List<AuditEntry> page = storage.auditLog(before, (int) limit);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("entries", page.stream().map(AdminApi::auditJson).toList());
    out.put("next", page.size() == limit ? page.get(page.size() - 1).entryId() : null);
    Json.send(ctx, 200, out);
  }

  /** The path's ID, or null after answering 400; the ID itself is never repeated back. */
  private static String id(Context ctx) {
    String id = ctx.pathParam("id");
    if (!ID.matcher(id).matches()) {
      Json.error(ctx, ErrorCode.BAD_PARAMETER, "an ID is 1 to 64 letters, digits, '_' or '-'");
      return null;
    }
    return id;
  }

  /** The body's {@code expires} duration, or the fallback when it has none. */
  private static Duration expires(JsonNode body, Duration fallback) {
    JsonNode expires = body.path("expires");
    if (expires.isMissingNode() || expires.isNull()) {
      return fallback;
    }
    if (!expires.isTextual()) {
      throw new IllegalArgumentException("expires must be a string like 12h or 30d");
    }
    return Durations.parsePositive(expires.asText());
  }

  private static long longParam(String value, long fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Map<String, Object> tokenJson(EnrollmentToken t, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.tokenId());
    m.put("createdAt", t.createdAt().toString());
    m.put("expiresAt", t.expiresAt() == null ? null : t.expiresAt().toString());
    m.put("usesLeft", t.usesLeft());
    m.put("revokedAt", t.revokedAt() == null ? null : t.revokedAt().toString());
    m.put("state", t.state(now));
    return m;
  }

  private static Map<String, Object> apiKeyJson(ApiKey k, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", k.keyId());
    m.put("name", k.name());
    m.put("role", k.role().name().toLowerCase());
    m.put("createdAt", k.createdAt().toString());
    m.put("expiresAt", k.expiresAt() == null ? null : k.expiresAt().toString());
    m.put("revokedAt", k.revokedAt() == null ? null : k.revokedAt().toString());
    m.put("state", k.state(now));
    return m;
  }

  private static Map<String, Object> auditJson(AuditEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.entryId());
    m.put("at", e.at().toString());
    m.put("actor", Map.of("keyId", e.actorId(), "name", e.actorName()));
    m.put("action", e.action());
    m.put("target", e.target());
    m.put("detail", e.detail());
    return m;
  }
}
