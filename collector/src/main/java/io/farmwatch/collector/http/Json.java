package io.farmwatch.collector.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.farmwatch.protocol.ErrorCode;
import io.farmwatch.protocol.ProtocolJson;
import io.javalin.http.Context;
import java.util.Map;

/** JSON responses with the protocol's mapper. */
public final class Json {

  private Json() {}

  public static void send(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType("application/json")
          .result(ProtocolJson.mapper().writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response bodies are plain records and maps", e);
    }
  }

  public static void error(Context ctx, ErrorCode error, String message) {
    send(ctx, error.httpStatus(), Map.of("error", error.code(), "message", message));
  }
}
