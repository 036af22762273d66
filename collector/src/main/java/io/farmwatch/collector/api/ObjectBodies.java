package io.farmwatch.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.collector.http.Json;
import io.farmwatch.collector.http.Refusal;
import io.farmwatch.collector.http.RequestBodies;
import io.farmwatch.collector.http.UploadPace;
import io.farmwatch.protocol.ErrorCode;
import io.farmwatch.protocol.ProtocolJson;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * The small JSON-object bodies of the authenticated routes, read within a size cap and the upload
 * pace like every other body: a valid key must not buy a way around the limits.
 */
final class ObjectBodies {

  private ObjectBodies() {}

  /** The body as a JSON object with only the known fields, or null after answering 4xx. */
  static JsonNode read(Context ctx, int maxBytes, Set<String> fields) {
    JsonNode node = readObject(ctx, maxBytes);
    if (node == null) {
      return null;
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      if (!fields.contains(names.next())) {
        Json.error(ctx, ErrorCode.MALFORMED_REQUEST, "the body's fields are " + fields);
        return null;
      }
    }
    return node;
  }

  /** The body as a JSON object whose fields the caller checks, or null after answering 4xx. */
  static JsonNode readObject(Context ctx, int maxBytes) {
    JsonNode node;
    try {
      byte[] bytes = RequestBodies.readJson(ctx.bodyInputStream(), ctx.header("Content-Type"),
          ctx.header("Content-Encoding"), ctx.req().getContentLengthLong(), maxBytes, UploadPace.MINIMUM);
      node = ProtocolJson.mapper().readTree(bytes);
    } catch (Refusal r) {
      Json.error(ctx, r.status() == 400 ? ErrorCode.MALFORMED_REQUEST : r.error(), r.getMessage());
      return null;
    } catch (IOException e) {
      Json.error(ctx, ErrorCode.MALFORMED_REQUEST, "the body is not JSON");
      return null;
    }
    if (node == null || !node.isObject()) {
      Json.error(ctx, ErrorCode.MALFORMED_REQUEST, "the body must be a JSON object");
      return null;
    }
    return node;
  }
}
