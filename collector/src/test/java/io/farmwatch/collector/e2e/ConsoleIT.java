package io.farmwatch.collector.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.collector.server.CollectorApiContract;
import io.farmwatch.collector.store.sqlite.SqliteStorage;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.envelope.EnvelopeSigner;
import io.farmwatch.protocol.report.DeviceInfo;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.NetworkState;
import io.farmwatch.protocol.report.Peripherals;
import io.farmwatch.protocol.report.ProcessInfo;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Severity;
import io.farmwatch.protocol.report.UsbDevice;
import io.farmwatch.protocol.report.WifiLink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console in a real browser against the real collector jar: a farm of real agents in network
 * namespaces is triaged by an analyst, and a device whose reports carry markup and script in every
 * free text is shown on every page that names it without any of it running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(NetnsLab.HOST_LINK)
class ConsoleIT {

  static final String URL = FarmEndToEndIT.URL;
  /** Where this host joins the lab's internet, so the browser here reaches the collector. */
  static final String HOST_ADDRESS = NetnsLab.INTERNET_PREFIX + "254";
  static final String HOSTILE_HOST = "<img src=x onerror=window.__pwned=1>";
  static final String HOSTILE_PROCESS = "<script>window.__pwned=2</script>";
  static final String HOSTILE_SSID = "\"><svg onload=window.__pwned=3>";
  static final String HOSTILE_USB = "<iframe src=javascript:window.__pwned=4>";
  static final String HOSTILE_TOOL = "AnyDesk<b onmouseover=window.__pwned=5>";

  final HttpClient http = HttpClient.newHttpClient();
  @TempDir static Path tmp;
  NetnsLab lab;
  Process collector;
  String analystKey;
  String adminKey;
  Set<String> farmDevices = new TreeSet<>();
  String hostileDevice;

  @BeforeAll
  void startFarm() throws Exception {
    Path data = tmp.resolve("collector");
    String jar = FarmEndToEndIT.COLLECTOR_JAR.toString();
    String java = FarmEndToEndIT.java();
    String token = FarmEndToEndIT.lastLine(FarmEndToEndIT.run(List.of(java, "-jar", jar, "token", "create",
        "--data", data.toString(), "--uses", "20")));
    analystKey = FarmEndToEndIT.lastLine(FarmEndToEndIT.run(List.of(java, "-jar", jar, "apikey", "create",
        "--data", data.toString(), "--role", "analyst", "--name", "console-analyst")));
    adminKey = FarmEndToEndIT.lastLine(FarmEndToEndIT.run(List.of(java, "-jar", jar, "apikey", "create",
        "--data", data.toString(), "--role", "admin", "--name", "console-admin")));

    lab = new NetnsLab("fwcon");
    NetnsLab.Home farm = lab.addHome("farm", 1, 3);
    lab.linkHost(HOST_ADDRESS);
    collector = lab.spawn(lab.internet(), List.of(java, "-jar", jar, "serve", "--data", data.toString(),
        "--listen", NetnsLab.COLLECTOR_ADDRESS + ":8470", "--allow-plain-http"), tmp.resolve("collector.log"));
    NetnsLabIT.waitForLog(tmp.resolve("collector.log"), "listening on");
    for (String laptop : farm.laptops()) {
      Path state = tmp.resolve("state-" + laptop);
      lab.exec(laptop, java, "-jar", FarmEndToEndIT.AGENT_JAR.toString(), "enroll", "--collector", URL,
          "--token", token, "--state", state.toString(), "--allow-plain-http");
      lab.exec(laptop, java, "-jar", FarmEndToEndIT.AGENT_JAR.toString(), "run", "--once", "--state", state.toString());
      farmDevices.add(Files.readString(state.resolve("device.id")).strip());
    }
    ActivityTable.interleave(data.resolve(SqliteStorage.FILE_NAME), List.copyOf(farmDevices), 14);

    CollectorApiContract.Agent hostile = CollectorApiContract.enroll(http, URL, token);
    hostileDevice = hostile.deviceId();
    HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create(URL + "/api/v1/reports"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(EnvelopeSigner.encode(hostile.signer().sign(hostileReport(
            hostileDevice))))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    for (int attempt = 0; attempt < 100 && (alertOf("LAPTOP_FARM") == null || alertOf("REMOTE_CONTROL", hostileDevice) == null); attempt++) {
      Thread.sleep(200);
    }
    assertThat(alertOf("LAPTOP_FARM")).as("the farm is flagged").isNotNull();
    assertThat(alertOf("REMOTE_CONTROL", hostileDevice)).as("the hostile device is flagged").isNotNull();
  }

  @AfterAll
  void stop() throws Exception {
    if (collector != null) {
      collector.destroy();
      collector.waitFor();
    }
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void anAnalystSeesTheFarmClosesItAsAFalsePositiveAndCannotReachAdminPages() throws Exception {
    JsonNode farmAlert = alertOf("LAPTOP_FARM");
    String alertId = farmAlert.get("id").asText();
    try (ConsoleBrowser browser = new ConsoleBrowser(URL)) {
      browser.signIn(analystKey);
      assertThat(browser.js("return document.cookie")).as("the session cookie is out of scripts' reach")
          .asString().doesNotContain("fw_session");
      WebElement row = browser.driver.findElement(By.cssSelector("#alerts tr[data-alert-id='" + alertId + "']"));
      assertThat(row.getText()).contains("LAPTOP_FARM");
      browser.screenshot("alerts-queue");

      browser.js("document.body.dataset.rendered = ''");
      row.click();
      browser.rendered("alert");
      Set<String> nodes = new TreeSet<>();
      browser.all("#farm-graph .node").forEach(n -> nodes.add(n.getDomAttribute("data-device-id")));
      assertThat(nodes).as("the graph has exactly the farm's machines").isEqualTo(farmDevices);
      Set<String> pairs = new HashSet<>();
      for (WebElement edge : browser.all("#farm-graph .edge")) {
        pairs.add(edge.getDomAttribute("data-a") + "|" + edge.getDomAttribute("data-b"));
        assertThat(edge.getDomAttribute("data-signals")).contains("SAME_GATEWAY_MAC");
      }
      List<String> ids = List.copyOf(farmDevices);
      assertThat(pairs).as("every pair of the farm's laptops shares the gateway, and nothing else is tied")
          .containsExactlyInAnyOrder(ids.get(0) + "|" + ids.get(1), ids.get(0) + "|" + ids.get(2),
              ids.get(1) + "|" + ids.get(2));
      assertThat(browser.text("#farm-graph")).contains("gateway MAC");
      assertThat(Integer.parseInt(browser.driver.findElement(By.id("activity-strip"))
          .getDomAttribute("data-marked-minutes"))).as("the 14 days of interleaved activity are drawn").isPositive();
      assertThat(browser.text("#evidence")).contains("share one router (gateway MAC)");
      browser.js("document.getElementById('farm-graph').scrollIntoView()");
      browser.screenshot("farm-alert");

      browser.driver.findElement(By.id("triage-comment")).sendKeys("lab machines, expected");
      browser.js("document.body.dataset.rendered = ''");
      browser.driver.findElement(By.cssSelector("#triage button[data-status=CLOSED_FALSE_POSITIVE]")).click();
      browser.rendered("alert");
      assertThat(browser.text("#alert-status")).isEqualTo("CLOSED_FALSE_POSITIVE");
      assertThat(browser.text("#history")).contains("console-analyst").contains("lab machines, expected");
      assertThat(alertOf("LAPTOP_FARM").get("status").asText()).isEqualTo("CLOSED_FALSE_POSITIVE");

      Object csrfless = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "fetch('/api/v1/alerts/' + encodeURIComponent(arguments[0]), {method: 'PATCH',"
          + " headers: {'Content-Type': 'application/json'}, body: '{\"status\":\"OPEN\"}'}).then(r => done(r.status));",
          alertId);
      assertThat(csrfless).as("a change without the session's CSRF token is refused").isEqualTo(403L);

      browser.open("#/admin", "admin");
      assertThat(browser.text("#forbidden")).contains("admin key");
      assertThat(browser.all("#audit")).isEmpty();
      Object audit = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "fetch('/api/v1/audit').then(r => done(r.status));");
      assertThat(audit).as("the API refuses the analyst's session too").isEqualTo(403L);

      browser.driver.findElement(By.id("signout")).click();
      browser.waiting().until(d -> !d.findElements(By.id("api-key")).isEmpty());
      Object after = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "fetch('/api/v1/alerts').then(r => done(r.status));");
      assertThat(after).as("signed out, the session is gone").isEqualTo(401L);

      browser.signIn(adminKey);
      browser.open("#/admin", "admin");
      assertThat(browser.text("#audit")).contains("console-analyst").contains(alertId);
      browser.screenshot("admin");
      assertThat(browser.violations()).isEmpty();
    }
  }

  @Test
  void agentTextWithMarkupAndScriptIsShownLiterallyOnEveryPageAndNeverRuns() throws Exception {
    String alertId = alertOf("REMOTE_CONTROL", hostileDevice).get("id").asText();
    try (ConsoleBrowser browser = new ConsoleBrowser(URL)) {
      browser.signIn(analystKey);
      List<String[]> pages = List.of(
          new String[] {"#/alerts", "alerts"},
          new String[] {"#/alerts/" + alertId, "alert"},
          new String[] {"#/machines/" + hostileDevice, "machine"},
          new String[] {"#/fleet?q=" + hostileDevice, "fleet"});
      Map<String, List<String>> shown = Map.of(
          "alert", List.of(HOSTILE_HOST),
          "machine", List.of(HOSTILE_HOST, HOSTILE_PROCESS, HOSTILE_SSID, HOSTILE_USB, HOSTILE_TOOL),
          "fleet", List.of(HOSTILE_HOST));
      for (String[] page : pages) {
        browser.open(page[0], page[1]);
        String text = browser.text("main");
        for (String payload : shown.getOrDefault(page[1], List.of())) {
          assertThat(text).as(page[1] + " shows the agent's text literally").contains(payload);
        }
        assertThat(browser.js("return window.__pwned === undefined")).as(page[1]).isEqualTo(true);
        assertThat(browser.js("return document.querySelectorAll('main img, main iframe, main script, main b,"
            + " main [onload], main [onerror], main [onmouseover]').length")).as(page[1] + ": no markup from agents")
            .isEqualTo(0L);
        browser.screenshot("hostile-" + page[1]);
      }
      assertThat(browser.violations()).as("nothing tried to run").isEmpty();
    }
  }

  private JsonNode alertOf(String kind) throws Exception {
    return alertOf(kind, null);
  }

  /** The first alert of this kind (naming this device, when one is given), or null. */
  private JsonNode alertOf(String kind, String deviceId) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(URL + "/api/v1/alerts?limit=1000"))
        .header("Authorization", "Bearer " + analystKey).build(), HttpResponse.BodyHandlers.ofString());
    for (JsonNode a : ProtocolJson.mapper().readTree(r.body()).get("alerts")) {
      if (a.get("kind").asText().equals(kind) && (deviceId == null || a.get("deviceIds").toString().contains(deviceId))) {
        return a;
      }
    }
    return null;
  }

  /** A report whose every free text an operator chose: hostname, a process, a Wi-Fi name, a USB name, a tool. */
  static Report hostileReport(String deviceId) {
    return new Report(Report.SCHEMA_VERSION,
        new DeviceInfo(deviceId, "test", 1, Instant.now(), HOSTILE_HOST, null),
        null,
        new NetworkState(null, null, null, null, null,
            List.of(new WifiLink("wlan0", HOSTILE_SSID, "02:aa:00:00:00:01", -40, 2412)), null),
        List.of(new ProcessInfo(4242, 1, HOSTILE_PROCESS, "/tmp/" + HOSTILE_PROCESS, null, null, "user", null)),
        new Peripherals(List.of(new UsbDevice("1234", "5678", "ACME", HOSTILE_USB, null, null, null)), List.of(),
            List.of()),
        null, null, null,
        List.of(new Finding(FindingKind.REMOTE_ACCESS, HOSTILE_TOOL, Severity.HIGH, Map.of(), HOSTILE_TOOL + " runs")),
        List.of());
  }
}
