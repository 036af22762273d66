package io.farmwatch.collector.auth;

import io.farmwatch.collector.http.Json;
import io.farmwatch.collector.store.ApiKey;
import io.farmwatch.collector.store.ApiRole;
import io.farmwatch.protocol.ErrorCode;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/** Wraps API handlers so they run only for a valid key whose role allows the route. */
public final class Access {

  /** A handler that runs on behalf of an authenticated key. */
  @FunctionalInterface
  public interface KeyedHandler {
    void handle(Context ctx, ApiKey key) throws Exception;
  }

  private final ApiKeys apiKeys;

  public Access(ApiKeys apiKeys) {
    this.apiKeys = apiKeys;
  }

  public Handler analyst(KeyedHandler handler) {
    return require(ApiRole.ANALYST, handler);
  }

  public Handler admin(KeyedHandler handler) {
    return require(ApiRole.ADMIN, handler);
  }

  private Handler require(ApiRole needed, KeyedHandler handler) {
    return ctx -> {
      var key = apiKeys.authenticate(ctx.header("Authorization"));
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
}
