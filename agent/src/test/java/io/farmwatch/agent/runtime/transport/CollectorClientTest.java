package io.farmwatch.agent.runtime.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.farmwatch.agent.runtime.testing.ScriptedHttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The client against a raw socket peer that misbehaves the way a hostile collector or middlebox can. */
// Runs beside the other classes (parent POM, surefire): its tests mostly wait out deadlines, each on its own peer.
@Execution(ExecutionMode.CONCURRENT)
class CollectorClientTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DEADLINE = Duration.ofSeconds(3);
  private static final EnrollRequest ENROLL = new EnrollRequest("token", "pem", null, "test", "host");

  @Test
  void enrollAgainstAPeerDribblingItsAnswerByteByByteEndsAtTheDeadline() throws IOException {
    byte[] answer = ScriptedHttpServer.response(201, "", "{\"deviceId\":\"dev_" + "0".repeat(32) + "\"}");
    // One byte a second never trips the 30 s per-read timeout; only the overall deadline can end it.
    try (ScriptedHttpServer peer = ScriptedHttpServer.dribbling(answer, 10, Duration.ofSeconds(1))) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> client(peer).enroll(ENROLL))
          .isInstanceOf(DeadlineExceededException.class)
          .hasMessageContaining("deadline of 3 s");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void deliveryWhoseAnswerBodyDribblesIsUnreachableAtTheDeadlineSoTheReportStaysSpooled() throws IOException {
    String body = "{\"status\":\"accepted\",\"sequence\":1}" + " ".repeat(200);
    byte[] answer = ScriptedHttpServer.response(202, "", body);
    int headLength = answer.length - body.length();
    try (ScriptedHttpServer peer = ScriptedHttpServer.dribbling(answer, headLength + 1, Duration.ofSeconds(1))) {
      long start = System.nanoTime();
      DeliveryOutcome outcome = client(peer).deliver("{}".getBytes(StandardCharsets.US_ASCII));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Unreachable.class,
          u -> assertThat(u.reason()).contains("deadline of 3 s"));
      // The deadline is checked after each read, so a byte a second ends it within a second of it.
      assertThat(took).isBetween(DEADLINE, DEADLINE.plusSeconds(2));
    }
  }

  @Test
  void aSixtyKilobyteDeviceIdIsRefusedWithABoundedMessage() throws IOException {
    try (ScriptedHttpServer peer = ScriptedHttpServer.answering(201, "", "{\"deviceId\":\"dev_" + "a".repeat(60_000) + "\"}")) {
      assertThatThrownBy(() -> client(peer).enroll(ENROLL))
          .isInstanceOf(InvalidAnswerException.class)
          .hasMessageContaining("not 'dev_' and 32 lower-case hex digits")
          .hasMessageContaining("(60004 chars)")
          .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
    }
  }

  @Test
  void aDeviceIdCarryingEscapeAndNewlineIsRefusedAndNotEchoedRaw() throws IOException {
    String forged = "dev_0123456789abcdef0123456789abcdef\\n2026-12-01T00:00:00Z INFO  [main] forged\\u001b[2J";
    try (ScriptedHttpServer peer = ScriptedHttpServer.answering(201, "", "{\"deviceId\":\"" + forged + "\"}")) {
      assertThatThrownBy(() -> client(peer).enroll(ENROLL))
          .isInstanceOf(InvalidAnswerException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\u001b").contains("\\u000a"));
    }
  }

  @Test
  void anErrorCodeAndMessageWithControlCharactersAreBoundedAndEscaped() throws IOException {
    String json = "{\"error\":\"bad\\u001b[31m\\ncode" + "x".repeat(200) + "\",\"message\":\"line\\r\\nFORGED\\u2028"
        + "y".repeat(5000) + "\"}";
    try (ScriptedHttpServer peer = ScriptedHttpServer.answering(401, "", json)) {
      assertThatThrownBy(() -> client(peer).enroll(ENROLL))
          .isInstanceOfSatisfying(CollectorRefusedException.class, e -> {
            assertThat(e.code()).doesNotContain("\u001b", "\n").startsWith("bad\\u001b[31m\\u000acode").hasSizeLessThan(100);
            assertThat(e.getMessage()).doesNotContain("\r", "\n", "\u2028").contains("\\u2028").hasSizeLessThan(600);
          });
      DeliveryOutcome outcome = client(peer).deliver("{}".getBytes(StandardCharsets.US_ASCII));
      assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.DeviceRefused.class,
          r -> assertThat(r.code() + r.message()).doesNotContain("\r", "\n", "\u001b"));
    }
  }

  @Test
  void anUnknownRefusalCodeRefusesThatReportForGood() throws IOException {
    try (ScriptedHttpServer peer = ScriptedHttpServer.answering(422, "",
        "{\"error\":\"limit_exceeded\",\"message\":\"findings[0].name is longer than 512\"}")) {
      assertThat(client(peer).deliver("{}".getBytes(StandardCharsets.US_ASCII)))
          .isEqualTo(new DeliveryOutcome.ReportRefused(422, "limit_exceeded", "findings[0].name is longer than 512"));
    }
  }

  @Test
  void aReplayedAnswerIsLeftToTheCourierToJudge() throws IOException {
    try (ScriptedHttpServer peer = ScriptedHttpServer.answering(409, "",
        "{\"error\":\"replayed\",\"message\":\"sequence 4 is not above the last accepted 9\"}")) {
      assertThat(client(peer).deliver("{}".getBytes(StandardCharsets.US_ASCII)))
          .isEqualTo(new DeliveryOutcome.Replayed("sequence 4 is not above the last accepted 9"));
    }
  }

  @Test
  void tooManyRequestsIsRetriedLaterAfterTheRetryAfterItGave() throws IOException {
    try (ScriptedHttpServer peer = ScriptedHttpServer.answering(429, "Retry-After: 120\r\n",
        "{\"error\":\"rate_limited\",\"message\":\"slow down\"}")) {
      assertThat(client(peer).deliver("{}".getBytes(StandardCharsets.US_ASCII)))
          .isInstanceOfSatisfying(DeliveryOutcome.Unreachable.class,
              u -> assertThat(u.retryAfter()).isEqualTo(Duration.ofSeconds(120)));
    }
  }

  @Test
  void aGatewayErrorInFrontOfTheCollectorIsNoRoundTripSample() throws IOException {
    try (ScriptedHttpServer gateway = ScriptedHttpServer.answering(502, "", "{}")) {
      CollectorClient client = client(gateway);
      client.measureRoundTrip();
      assertThat(client.takeRoundTrips()).isNull();
    }
    try (ScriptedHttpServer collector = ScriptedHttpServer.answering(200, "", "{\"status\":\"ok\"}")) {
      CollectorClient client = client(collector);
      client.measureRoundTrip();
      assertThat(client.takeRoundTrips().samples()).isEqualTo(1);
    }
  }

  @Test
  void retryAfterIsReadAsSecondsOrAnHttpDateAndCapped() {
    assertThat(CollectorClient.retryAfter("30")).isEqualTo(Duration.ofSeconds(30));
    assertThat(CollectorClient.retryAfter("99999999999999999999999")).isEqualTo(Duration.ofDays(1));
    assertThat(CollectorClient.retryAfter("31536000")).isEqualTo(Duration.ofDays(1));
    String inTenMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(10));
    assertThat(CollectorClient.retryAfter(inTenMinutes)).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));
    assertThat(CollectorClient.retryAfter("Tue, 01 Dec 1998 00:00:00 GMT")).isEqualTo(Duration.ZERO);
    assertThat(CollectorClient.retryAfter("soon")).isNull();
    assertThat(CollectorClient.retryAfter(null)).isNull();
  }

  private static CollectorClient client(ScriptedHttpServer peer) {
    return new CollectorClient(URI.create(peer.url()), null, TIMEOUT, DEADLINE);
  }
}
