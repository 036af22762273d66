package io.farmwatch.agent.platform.linux;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.agent.probe.network.Macs;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.report.Neighbor;
import io.farmwatch.protocol.report.NetInterface;
import io.farmwatch.protocol.report.Route;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Parses iproute2's JSON output ({@code ip -j}). The routing and neighbour tables are not in OSHI
 * or the JDK, and this is the kernel's own view, as stable as any API on Linux.
 */
public final class IpJson {

  private IpJson() {}

  static JsonNode parse(String json) throws IOException {
    JsonNode node = ProtocolJson.mapper().readTree(json.isBlank() ? "[]" : json);
    if (!node.isArray()) {
      throw new IOException("ip -j did not print a JSON array");
    }
    return node;
  }

  /** {@code ip -j -d addr show}: interfaces with their addresses. */
  public static List<NetInterface> interfaces(String json, Predicate<String> wireless,
      java.util.function.Function<String, String> permanentMac) throws IOException {
    List<NetInterface> out = new ArrayList<>();
    for (JsonNode link : parse(json)) {
      String name = link.path("ifname").asText();
      List<String> addresses = new ArrayList<>();
      for (JsonNode a : link.path("addr_info")) {
        if (a.has("local")) {
          addresses.add(a.get("local").asText() + "/" + a.path("prefixlen").asInt());
        }
      }
      boolean up = false;
      for (JsonNode flag : link.path("flags")) {
        up |= flag.asText().equals("UP");
      }
      String mac = Macs.normalize(link.path("address").asText(null));
      String perm = link.has("permaddr") ? Macs.normalize(link.get("permaddr").asText()) : permanentMac.apply(name);
      out.add(new NetInterface(name, link.path("ifindex").asInt(), type(link, wireless.test(name)),
          mac, mac == null ? null : perm, up, link.has("mtu") ? link.get("mtu").asInt() : null, addresses));
    }
    return out;
  }

  static String type(JsonNode link, boolean wireless) {
    String kind = link.path("linkinfo").path("info_kind").asText("");
    String linkType = link.path("link_type").asText("");
    if (linkType.equals("loopback")) {
      return "loopback";
    }
    if (wireless) {
      return "wifi";
    }
    switch (kind) {
      case "tun":
        String mode = link.path("linkinfo").path("info_data").path("type").asText("tun");
        return mode.equals("tap") ? "tap" : "tun";
      case "wireguard":
        return "wireguard";
      case "bridge":
        return "bridge";
      case "veth":
        return "veth";
      case "":
        break;
      default:
        return "virtual";
    }
    return switch (linkType) {
      case "ether" -> "ethernet";
      case "ppp" -> "ppp";
      case "none" -> "tun";
      default -> "other";
    };
  }

  /** {@code ip -j route show}: the main routing table. */
  public static List<Route> routes(String json, boolean ipv6) throws IOException {
    List<Route> out = new ArrayList<>();
    for (JsonNode r : parse(json)) {
      String dst = r.path("dst").asText();
      if (dst.equals("default")) {
        dst = ipv6 ? "::/0" : "0.0.0.0/0";
      } else if (!dst.contains("/")) {
        dst = dst + (ipv6 ? "/128" : "/32");
      }
      out.add(new Route(dst, r.has("gateway") ? r.get("gateway").asText() : null,
          r.has("dev") ? r.get("dev").asText() : null,
          r.has("metric") ? r.get("metric").asInt() : null,
          r.has("table") ? r.get("table").asText() : "main"));
    }
    return out;
  }

  /** {@code ip -j neigh show}: ARP and NDP entries that have a link-layer address. */
  public static List<Neighbor> neighbors(String json) throws IOException {
    List<Neighbor> out = new ArrayList<>();
    for (JsonNode n : parse(json)) {
      String mac = Macs.normalize(n.path("lladdr").asText(null));
      if (mac == null) {
        continue;
      }
      List<String> states = new ArrayList<>();
      n.path("state").forEach(s -> states.add(s.asText().toUpperCase(Locale.ROOT)));
      out.add(new Neighbor(n.path("dst").asText(), mac, n.path("dev").asText(null),
          states.isEmpty() ? null : String.join(",", states)));
    }
    return out;
  }
}
