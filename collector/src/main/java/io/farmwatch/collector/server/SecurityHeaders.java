package io.farmwatch.collector.server;

import io.javalin.http.Context;
import java.util.Map;

/**
 * Headers on every answer. The API serves JSON and text to programs, never pages, so browsers are
 * told to run, embed, cache and refer nothing. The one place to relax them per route (a web
 * console would need its own Content-Security-Policy).
 */
final class SecurityHeaders {

  static final Map<String, String> API = Map.of(
      "X-Content-Type-Options", "nosniff",
      "Cache-Control", "no-store",
      "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'",
      "Referrer-Policy", "no-referrer");

  private SecurityHeaders() {}

  static void apply(Context ctx) {
    API.forEach(ctx::header);
  }
}
