package io.farmwatch.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.collector.auth.Sessions;
import io.farmwatch.collector.http.Json;
import io.farmwatch.collector.store.ApiKey;
import io.farmwatch.protocol.ErrorCode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/session}: the console signs in with an API key ({@code POST}), asks who it is
 * ({@code GET}) and signs out ({@code DELETE}). The session lives in a cookie scripts cannot read,
 * sent to this site only ({@code SameSite=Strict}) and only over TLS when the collector has it.
 */
public final class SessionApi {

  static final int MAX_BODY = 1024;

  private final Sessions sessions;
  private final boolean tls;

  public SessionApi(Sessions sessions, boolean tls) {
    this.sessions = sessions;
    this.tls = tls;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/session", this::signIn);
    routes.get("/api/v1/session", this::whoAmI);
    routes.delete("/api/v1/session", this::signOut);
  }

  void signIn(Context ctx) {
    JsonNode body = ObjectBodies.read(ctx, MAX_BODY, Set.of("key"));
    if (body == null) {
      return;
    }
    var signIn = sessions.signIn(body.path("key").isTextual() ? body.get("key").asText() : null);
    if (signIn.isEmpty()) {
      Json.error(ctx, ErrorCode.UNAUTHORIZED, "that API key is unknown, revoked or expired");
      return;
    }
    ctx.header("Set-Cookie", cookie(signIn.get().cookie(), Sessions.LIFETIME.toSeconds()));
    Json.send(ctx, 200, identity(signIn.get().key(), signIn.get().csrfToken()));
  }

  void whoAmI(Context ctx) {
    var session = sessions.authenticate(ctx.cookie(Sessions.COOKIE));
    if (session.isEmpty()) {
      Json.error(ctx, ErrorCode.UNAUTHORIZED, "not signed in");
      return;
    }
    Json.send(ctx, 200, identity(session.get().key(), session.get().csrfToken()));
  }

  void signOut(Context ctx) {
    String cookie = ctx.cookie(Sessions.COOKIE);
    var session = sessions.authenticate(cookie);
    if (session.isPresent()
        && !Sessions.csrfMatches(session.get().csrfToken(), ctx.header(Sessions.CSRF_HEADER))) {
      Json.error(ctx, ErrorCode.FORBIDDEN, "signing out must carry the " + Sessions.CSRF_HEADER + " header");
      return;
    }
    sessions.signOut(cookie);
    ctx.header("Set-Cookie", cookie("", 0));
    Json.send(ctx, 200, Map.of("state", "signed out"));
  }

  private String cookie(String value, long maxAgeSeconds) {
    return Sessions.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
        + (tls ? "; Secure" : "");
  }

  private static Map<String, Object> identity(ApiKey key, String csrfToken) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("keyId", key.keyId());
    out.put("name", key.name());
    out.put("role", key.role().name().toLowerCase());
    out.put("csrfToken", csrfToken);
    return out;
  }
}
