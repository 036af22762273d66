package io.farmwatch.collector.server;

import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Headers on every answer. The API serves JSON and text to programs, never pages, so browsers are
 * told to run, embed, cache and refer nothing. The console's files get their own policy: scripts,
 * styles and requests from this origin only, nothing inline and no eval, so a hostname or process
 * name an agent sends can never become code even if it reached the page as markup.
 */
final class SecurityHeaders {

  static final Map<String, String> API = Map.of(
      "X-Content-Type-Options", "nosniff",
      "Cache-Control", "no-store",
      "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'",
      "Referrer-Policy", "no-referrer");

  static final Map<String, String> CONSOLE = Map.of(
      "X-Content-Type-Options", "nosniff",
      "Cache-Control", "no-cache",
      "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
      "Referrer-Policy", "no-referrer",
      "X-Frame-Options", "DENY");

  private SecurityHeaders() {}

  static void apply(Context ctx) {
    API.forEach(ctx::header);
  }

  /**
   * Jetty's own error answers (a malformed request line, oversized headers), written before any
   * route runs, with the API's headers too.
   */
  static ErrorHandler errorHandler() {
    return new ErrorHandler() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        API.forEach(response.getHeaders()::put);
        return super.handle(request, response, callback);
      }

      @Override
      public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        API.forEach(fields::put);
        return super.badMessageError(status, reason, fields);
      }
    };
  }
}
