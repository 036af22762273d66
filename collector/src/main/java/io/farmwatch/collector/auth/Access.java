package io.farmwatch.collector.auth;

import io.farmwatch.collector.http.Json;
import io.farmwatch.collector.store.ApiKey;
import io.farmwatch.collector.store.ApiRole;
import io.farmwatch.protocol.ErrorCode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Optional;

/**
 * Wraps API handlers so they run only for a valid key whose role allows the route. The key comes
 * from an {@code Authorization: Bearer} header or from the console's session cookie; a change made
 * through a session must also carry the session's CSRF token, which another site's page cannot
 * read or send.
 */
public final class Access {

  /** A handler that runs on behalf of an authenticated key. */
  @FunctionalInterface
  public interface KeyedHandler {
    void handle(Context ctx, ApiKey key) throws Exception;
  }

  private final ApiKeys apiKeys;
  private final Sessions sessions;

  public Access(ApiKeys apiKeys, Sessions sessions) {
    this.apiKeys = apiKeys;
    this.sessions = sessions;
  }

  public Handler analyst(KeyedHandler handler) {
    return require(ApiRole.ANALYST, handler);
  }

  public Handler admin(KeyedHandler handler) {
    return require(ApiRole.ADMIN, handler);
  }

  private Handler require(ApiRole needed, KeyedHandler handler) {
    return ctx -> {
      var key = authenticate(ctx);
      if (key == null) {
        return;
      }
      if (key.isEmpty()) {
        ctx.header("WWW-Authenticate", "Bearer");
        Json.error(ctx, ErrorCode.UNAUTHORIZED, "an API key is required: Authorization: Bearer KEY");
        return;
      }
      if (!key.get().role().allows(needed)) {
        Json.error(ctx, ErrorCode.FORBIDDEN, "this route needs an " + needed.name().toLowerCase() + " key");
        return;
      }
      handler.handle(ctx, key.get());
    };
  }

  /** The request's key, empty when it has none, or null after refusing a session change without its token. */
  private Optional<ApiKey> authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    if (header != null) {
      return apiKeys.authenticate(header);
    }
    var session = sessions.authenticate(ctx.cookie(Sessions.COOKIE));
    if (session.isEmpty()) {
      return Optional.empty();
    }
    if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD
        && !Sessions.csrfMatches(session.get().csrfToken(), ctx.header(Sessions.CSRF_HEADER))) {
      Json.error(ctx, ErrorCode.FORBIDDEN, "a change made from the console must carry its "
          + Sessions.CSRF_HEADER + " header");
      return null;
    }
    return Optional.of(session.get().key());
  }
}
