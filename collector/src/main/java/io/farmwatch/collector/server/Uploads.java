package io.farmwatch.collector.server;

import io.farmwatch.collector.http.Refusal;
import io.farmwatch.collector.http.RequestBodies;
import io.farmwatch.collector.http.UploadPace;
import io.javalin.http.Context;

/**
 * Reads an upload's body within the gate and at the minimum pace. A refusal made before the body
 * was read whole also closes the connection: the rest is not worth reading at the client's pace.
 */
final class Uploads {

  private final UploadGate gate;
  private final EgressResolver egress;

  Uploads(UploadGate gate, EgressResolver egress) {
    this.gate = gate;
    this.egress = egress;
  }

  /** The client's address as ingest records it: the socket's, or a trusted proxy's forward. */
  String client(Context ctx) {
    return egress.resolve(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
  }

  byte[] read(Context ctx, int maxBytes) throws Refusal {
    try (UploadGate.Slot slot = gate.enter(client(ctx))) {
      return RequestBodies.readJson(ctx.bodyInputStream(), ctx.header("Content-Type"),
          ctx.header("Content-Encoding"), ctx.req().getContentLengthLong(), maxBytes,
          UploadPace.MINIMUM);
    } catch (Refusal r) {
      switch (r.status()) {
        case 429, 503 -> ctx.header("Retry-After", Long.toString(HttpLimits.RETRY_AFTER.toSeconds()))
            .header("Connection", "close");
        case 408, 413 -> ctx.header("Connection", "close");
        default -> { }
      }
      throw r;
    }
  }
}
