package io.farmwatch.collector.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.collector.activity.DayMinutes;
import io.farmwatch.collector.auth.ApiKeys;
import io.farmwatch.collector.roster.RosterEntry;
import io.farmwatch.collector.store.Actor;
import io.farmwatch.collector.store.ApiRole;
import io.farmwatch.collector.store.sqlite.SqliteStorage;
import io.farmwatch.protocol.ProtocolJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's files, its sign-in and session rules, and the routes it adds, over real HTTP. */
class ConsoleRoutesTest {

  @TempDir Path dir;
  SqliteStorage storage;
  CollectorApp app;
  String base;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    storage = SqliteStorage.open(dir);
    app = new CollectorApp(storage, new ServerSettings("127.0.0.1", 0, null, null, false, List.of(),
        Duration.ofMinutes(5), Duration.ofDays(30)), Duration.ofDays(90), Clock.systemUTC());
    base = app.server().url("127.0.0.1");
  }

  @AfterEach
  void stop() {
    app.close();
  }

  HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  String key(ApiRole role) {
    return new ApiKeys(storage, Clock.systemUTC()).create(role, role.name().toLowerCase() + "-console", null, Actor.CLI)
        .secret();
  }

  @Test
  void theConsoleIsServedFromTheJarWithAPolicyThatRunsOnlyItsOwnScripts() throws Exception {
    HttpResponse<String> page = send("GET", "/", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("<script type=\"module\" src=\"/js/main.js\">");
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "default-src 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    HttpResponse<String> script = send("GET", "/js/api.js", null);
    assertThat(script.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
    assertThat(script.headers().firstValue("Content-Security-Policy")).contains(csp);
    HttpResponse<String> api = send("GET", "/api/v1/alerts", null);
    assertThat(api.headers().firstValue("Content-Security-Policy")).contains("default-src 'none'; frame-ancestors 'none'");
  }

  @Test
  void aSignInIsAnHttpOnlyStrictCookieAndEveryChangeThroughItNeedsTheCsrfHeader() throws Exception {
    assertThat(send("POST", "/api/v1/session", "{\"key\":\"fwk_wrong\"}").statusCode()).isEqualTo(401);
    assertThat(send("POST", "/api/v1/session", "{\"key\":\"x\",\"extra\":1}").statusCode()).isEqualTo(400);
    HttpResponse<String> in = send("POST", "/api/v1/session", "{\"key\":\"" + key(ApiRole.ANALYST) + "\"}");
    assertThat(in.statusCode()).isEqualTo(200);
    String setCookie = in.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith("fw_session=fws_").contains("HttpOnly", "SameSite=Strict", "Path=/")
        .doesNotContain("Secure");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    JsonNode me = ProtocolJson.mapper().readTree(in.body());
    assertThat(me.get("role").asText()).isEqualTo("analyst");
    String csrf = me.get("csrfToken").asText();

    assertThat(send("GET", "/api/v1/alerts", null, "Cookie", cookie).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/v1/session", null, "Cookie", cookie).body()).contains(csrf);
    assertThat(send("PATCH", "/api/v1/alerts/a1", "{\"status\":\"OPEN\"}", "Cookie", cookie).statusCode())
        .as("no CSRF header").isEqualTo(403);
    assertThat(send("PATCH", "/api/v1/alerts/a1", "{\"status\":\"OPEN\"}", "Cookie", cookie,
        "X-FarmWatch-CSRF", csrf + "x").statusCode()).as("a wrong CSRF header").isEqualTo(403);
    assertThat(send("PATCH", "/api/v1/alerts/a1", "{\"status\":\"OPEN\"}", "Cookie", cookie,
        "X-FarmWatch-CSRF", csrf).statusCode()).as("past the session check, to the missing alert").isEqualTo(404);
    assertThat(send("GET", "/api/v1/audit", null, "Cookie", cookie).statusCode()).as("an analyst's session")
        .isEqualTo(403);

    assertThat(send("DELETE", "/api/v1/session", null, "Cookie", cookie).statusCode()).isEqualTo(403);
    HttpResponse<String> out = send("DELETE", "/api/v1/session", null, "Cookie", cookie, "X-FarmWatch-CSRF", csrf);
    assertThat(out.statusCode()).isEqualTo(200);
    assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    assertThat(send("GET", "/api/v1/alerts", null, "Cookie", cookie).statusCode()).isEqualTo(401);
  }

  @Test
  void aMachinesActivityIsItsStoredDaysAndTheFleetFindsItByHostnameAndEmployee() throws Exception {
    String analyst = key(ApiRole.ANALYST);
    var agent = CollectorApiContract.enroll(http, base, new io.farmwatch.collector.enroll.EnrollmentService(storage,
        Clock.systemUTC()).createToken(1, Duration.ofHours(1), Actor.CLI).secret());
    storage.replaceRoster(List.of(new RosterEntry(agent.deviceId(), "Ada Lovelace", "GB", null, "Europe/London"),
        new RosterEntry("SERIAL-NEVER", "Nobody Enrolled", "US", null, "America/New_York")),
        java.time.Instant.now());
    long today = LocalDate.now(ZoneOffset.UTC).toEpochDay();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStorage.FILE_NAME));
        PreparedStatement s = c.prepareStatement("INSERT INTO device_activity VALUES (?,?,?,?,?)")) {
      for (long day : new long[] {today - 20, today - 1}) {
        s.setString(1, agent.deviceId());
        s.setLong(2, day);
        s.setBytes(3, DayMinutes.of(0, 539, 1439).toBytes());
        s.setBytes(4, DayMinutes.of(539).toBytes());
        s.setBytes(5, DayMinutes.EMPTY.toBytes());
        s.executeUpdate();
      }
    }
    String auth = "Bearer " + analyst;
    JsonNode activity = ProtocolJson.mapper().readTree(send("GET", "/api/v1/machines/" + agent.deviceId()
        + "/activity?days=14", null, "Authorization", auth).body());
    assertThat(activity.get("toDay").asLong()).isEqualTo(today);
    assertThat(activity.get("days")).as("only the day inside the 14").hasSize(1);
    byte[] active = Base64.getDecoder().decode(activity.at("/days/0/active").asText());
    assertThat(DayMinutes.fromBytes(active).minutes().toArray()).containsExactly(0, 539, 1439);
    assertThat(activity.at("/machine/employee").asText()).isEqualTo("Ada Lovelace");
    assertThat(send("GET", "/api/v1/machines/" + agent.deviceId() + "/activity?days=32", null, "Authorization", auth)
        .statusCode()).isEqualTo(400);
    assertThat(send("GET", "/api/v1/machines/nope/activity", null, "Authorization", auth).statusCode()).isEqualTo(404);

    JsonNode byEmployee = ProtocolJson.mapper().readTree(send("GET", "/api/v1/fleet?q=ada", null,
        "Authorization", auth).body());
    assertThat(byEmployee.at("/machines/0/machine/deviceId").asText()).isEqualTo(agent.deviceId());
    assertThat(byEmployee.get("unenrolled")).isEmpty();
    JsonNode all = ProtocolJson.mapper().readTree(send("GET", "/api/v1/fleet", null, "Authorization", auth).body());
    assertThat(all.get("machines")).hasSize(1);
    assertThat(all.at("/unenrolled/0/deviceKey").asText()).isEqualTo("SERIAL-NEVER");
    assertThat(send("GET", "/api/v1/fleet", null).statusCode()).isEqualTo(401);
  }

  @Test
  void errorsJettyWritesBeforeRoutingCarryTheSecurityHeadersToo() throws Exception {
    try (RawHttp raw = new RawHttp("127.0.0.1", app.server().port())) {
      raw.write("GET /%00 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      RawHttp.Answer answer = raw.answer(5000);
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(answer.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
    }
    try (RawHttp raw = new RawHttp("127.0.0.1", app.server().port())) {
      raw.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(64 * 1024) + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      RawHttp.Answer answer = raw.answer(5000);
      assertThat(answer.status()).isEqualTo(431);
      assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }
  }
}
