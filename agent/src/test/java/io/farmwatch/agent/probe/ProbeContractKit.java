package io.farmwatch.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.agent.detect.DetectorFactory;
import io.farmwatch.agent.scan.ReportAssembler;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.report.Gateway;
import io.farmwatch.protocol.report.NetInterface;
import io.farmwatch.protocol.report.NetworkState;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Route;
import io.farmwatch.protocol.report.Unavailable;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every platform's probe set promises about the report it fills, in the manner of Micrometer's
 * MeterRegistryCompatibilityKit: each platform extends this once and hands over its probe set (live
 * where the platform runs here, fed with recorded command output where it cannot).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ProbeContractKit {

  /** What firmware, OSHI and OS commands print where a value is not set; a report never carries them. */
  static final Set<String> PLACEHOLDERS = Set.of("", "unknown", "<unknown>", "n/a", "none", "null", "undefined",
      "default string", "to be filled by o.e.m.", "not specified", "not applicable", "system serial number",
      "system product name", "system manufacturer", "0123456789");

  static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
  static final Pattern CIDR = Pattern.compile("[0-9a-f.:]+/\\d{1,3}");

  protected Report report;
  private JsonNode json;

  /** The platform's probe set, as the agent would build it (recorded command output where needed). */
  protected abstract ProbeSet probes();

  @BeforeAll
  void collect() {
    report = new ReportAssembler(Clock.systemUTC(), probes(), DetectorFactory.create(List.of(), List.of()))
        .assemble(null, 1);
    json = ProtocolJson.mapper().valueToTree(report);
  }

  @Test
  void everySectionIsThereOrSaysWhyNot() {
    Map<String, Object> sections = new java.util.LinkedHashMap<>();
    sections.put("hardware", report.hardware());
    sections.put("network", report.network());
    sections.put("processes", report.processes());
    sections.put("peripherals", report.peripherals());
    sections.put("locale", report.locale());
    sections.forEach((name, value) -> {
      if (value == null) {
        assertThat(report.unavailable()).as("why %s is missing", name)
            .anySatisfy(u -> assertThat(u.field()).startsWith(name));
      }
    });
  }

  @Test
  void noPlaceholderValues() {
    List<String> found = new ArrayList<>();
    walk(json, "", (path, value) -> {
      if (!path.startsWith("unavailable") && value.isTextual()
          && PLACEHOLDERS.contains(value.asText().strip().toLowerCase(Locale.ROOT))) {
        found.add(path + "=\"" + value.asText() + "\"");
      }
    });
    assertThat(found).as("placeholder values").isEmpty();
  }

  @Test
  void everyUnavailableEntryNamesAReportField() {
    Set<String> fields = new HashSet<>();
    fieldPaths(Report.class, "", fields);
    assertThat(report.unavailable()).extracting(Unavailable::field)
        .allSatisfy(field -> assertThat(fields).as("report fields").contains(field.replaceAll("\\[[^]]*]", "[]")));
    assertThat(report.unavailable()).allSatisfy(u -> {
      assertThat(u.source()).isNotBlank();
      assertThat(u.reason()).isNotBlank();
    });
  }

  @Test
  void macsAreLowerCaseAndColonSeparated() {
    List<String> bad = new ArrayList<>();
    walk(json, "", (path, value) -> {
      String leaf = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
      if ((leaf.endsWith("mac") || leaf.equals("bssid")) && !value.isNull() && !MAC.matcher(value.asText()).matches()) {
        bad.add(path + "=" + value.asText());
      }
    });
    assertThat(bad).as("MACs not in aa:bb:cc:dd:ee:ff form").isEmpty();
  }

  @Test
  void routesGatewaysAndNeighboursNameAnInterface() {
    NetworkState network = report.network();
    if (network == null || network.interfaces() == null) {
      return;
    }
    Set<String> names = new HashSet<>();
    network.interfaces().forEach(nic -> names.add(nic.name()));
    Stream.of(
        network.routes() == null ? Stream.<String>empty() : network.routes().stream().map(Route::interfaceName),
        network.defaultGateways() == null ? Stream.<String>empty()
            : network.defaultGateways().stream().map(Gateway::interfaceName),
        network.neighbors() == null ? Stream.<String>empty()
            : network.neighbors().stream().map(n -> n.interfaceName()))
        .flatMap(s -> s).filter(java.util.Objects::nonNull)
        .forEach(name -> assertThat(names).as("network.interfaces names").contains(name));
  }

  /** One field, one meaning and one format on every platform. */
  @Test
  void sameFieldSameFormatEverywhere() {
    NetworkState network = report.network();
    if (network != null) {
      for (NetInterface nic : nullSafe(network.interfaces())) {
        assertThat(nic.addresses()).allSatisfy(a -> assertThat(a).matches(CIDR));
        assertThat(nic.type()).isIn("loopback", "ethernet", "wifi", "tun", "tap", "wireguard", "ppp", "virtual",
            "bridge", "veth", "vlan", "bond", "other");
      }
      assertThat(nullSafe(network.routes())).allSatisfy(r -> {
        assertThat(r.destination()).matches(CIDR);
        if (r.gateway() != null) {
          assertThat(r.gateway()).matches("[0-9a-f.:]+");
        }
      });
      assertThat(nullSafe(network.sockets())).allSatisfy(s -> {
        assertThat(s.protocol()).isIn("tcp", "udp");
        assertThat(s.localPort()).isBetween(0, 65535);
        assertThat(s.state()).isEqualTo(s.state().toUpperCase(Locale.ROOT));
      });
      assertThat(nullSafe(network.wifi())).allSatisfy(w -> {
        if (w.signalDbm() != null) {
          assertThat(w.signalDbm()).isBetween(-120, 0);
        }
      });
    }
    assertThat(nullSafe(report.processes())).allSatisfy(p -> assertThat(p.pid()).isPositive());
    if (report.locale() != null) {
      assertThat(ZoneId.of(report.locale().timezone())).isNotNull();
      assertThat(report.locale().utcOffsetMinutes()).isBetween(-14 * 60, 14 * 60);
      String tag = report.locale().systemLocale();
      if (tag != null) {
        assertThat(Locale.forLanguageTag(tag).toLanguageTag()).as("a BCP 47 tag").isEqualTo(tag);
      }
    }
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static void walk(JsonNode node, String path, BiConsumer<String, JsonNode> leaf) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        walk(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), leaf);
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        walk(element, path + "[]", leaf);
      }
    } else {
      leaf.accept(path, node);
    }
  }

  /** Every field path of the report, the same way ProtocolDocumentationTest lists PROTOCOL.md §4's rows. */
  static void fieldPaths(Class<?> record, String prefix, Set<String> out) {
    for (RecordComponent c : record.getRecordComponents()) {
      String path = prefix + c.getName();
      out.add(path);
      if (c.getType().isRecord()) {
        fieldPaths(c.getType(), path + ".", out);
      } else if (List.class.isAssignableFrom(c.getType())) {
        Type element = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
        if (element instanceof Class<?> e && e.isRecord()) {
          fieldPaths(e, path + "[].", out);
        }
      }
    }
  }
}
