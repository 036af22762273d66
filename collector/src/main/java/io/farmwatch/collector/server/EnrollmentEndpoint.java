package io.farmwatch.collector.server;

import com.fasterxml.jackson.databind.ObjectReader;
import io.farmwatch.collector.enroll.EnrollmentRequest;
import io.farmwatch.collector.enroll.EnrollmentService;
import io.farmwatch.collector.http.Json;
import io.farmwatch.collector.http.Refusal;
import io.farmwatch.collector.metrics.Metrics;
import io.farmwatch.protocol.ErrorCode;
import io.farmwatch.protocol.ProtocolJson;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/enroll} (PROTOCOL.md §3.1): throttled per address, every outcome counted in
 * {@code farmwatch_enroll_total}, every refusal logged without the token.
 */
final class EnrollmentEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(EnrollmentEndpoint.class);
  static final int MAX_BODY = 16 * 1024;
  /** Failed attempts an address may make at once; after that one a second. */
  static final int BURST = 10;
  static final double PER_SECOND = 1.0;
  static final int MAX_ADDRESSES = 10_000;
  private static final ObjectReader READER = ProtocolJson.mapper().readerFor(EnrollmentRequest.class);

  private final EnrollmentService enrollment;
  private final String policyKeyPem;
  private final AddressThrottle throttle;
  private final Uploads uploads;
  private final Metrics metrics;

  EnrollmentEndpoint(EnrollmentService enrollment, String policyKeyPem, AddressThrottle throttle,
      Uploads uploads, Metrics metrics) {
    this.enrollment = enrollment;
    this.policyKeyPem = policyKeyPem;
    this.throttle = throttle;
    this.uploads = uploads;
    this.metrics = metrics;
  }

  /** @param policyKeyPem the collector's policy key, which each enrolled agent is told (PROTOCOL.md 3.1) */
  EnrollmentEndpoint(EnrollmentService enrollment, String policyKeyPem, Uploads uploads, Metrics metrics) {
    this(enrollment, policyKeyPem, new AddressThrottle(BURST, PER_SECOND, MAX_ADDRESSES, System::nanoTime), uploads,
        metrics);
  }

  void handle(Context ctx) {
    String address = uploads.client(ctx);
    AddressThrottle.Decision decision = throttle.admit(address);
    if (!decision.allowed()) {
      if (decision.firstRefusal()) {
        LOG.warn("enrollment from {} throttled: too many attempts; refusals are counted as"
            + " farmwatch_enroll_total{outcome=\"rate_limited\"}", address);
      }
      metrics.outcome("enroll", ErrorCode.RATE_LIMITED.code());
      ctx.header("Retry-After", Long.toString(decision.retryAfterSeconds()));
      Json.error(ctx, ErrorCode.RATE_LIMITED, "too many enrollment attempts from this address; retry after "
          + decision.retryAfterSeconds() + " s");
      return;
    }
    ErrorCode code;
    try {
      String deviceId = enrollment.enroll(read(ctx));
      metrics.outcome("enroll", "enrolled");
      LOG.info("enrolled {} from {}", deviceId, address);
      Json.send(ctx, 201, Map.of("deviceId", deviceId, "policyKey", policyKeyPem));
      return;
    } catch (Refusal r) {
      code = r.error();
      Json.error(ctx, code, r.getMessage());
    } catch (EnrollmentService.Refused r) {
      code = r.error();
      Json.error(ctx, code, r.getMessage());
    }
    throttle.charge(address);
    metrics.outcome("enroll", code.code());
    LOG.warn("enrollment from {} refused: {}", address, code);
  }

  private EnrollmentRequest read(Context ctx) throws Refusal {
    byte[] body;
    try {
      body = uploads.read(ctx, MAX_BODY);
    } catch (Refusal r) {
      // Body errors share the report route's reader; enrollment documents its own code for them.
      throw r.status() == 400 ? new Refusal(ErrorCode.MALFORMED_REQUEST, r.getMessage()) : r;
    }
    try {
      return READER.readValue(body);
    } catch (IOException e) {
      throw new Refusal(ErrorCode.MALFORMED_REQUEST, "body is not an enrollment request: " + e.getMessage());
    }
  }
}
