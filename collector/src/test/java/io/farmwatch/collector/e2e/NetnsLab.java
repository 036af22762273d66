package io.farmwatch.collector.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Homes built out of Linux network namespaces, for end-to-end tests.
 *
 * <p>An "internet" namespace holds one flat segment (198.51.100.0/24, a documentation range) where
 * the collector listens. Each home is a router namespace with a WAN leg on that segment, NAT
 * (nftables masquerade) and a LAN bridge with its own MAC at 192.168.1.1; its laptops are namespaces
 * with a veth into that bridge. Every home uses the same private subnet, as real homes do, so only
 * the gateway's MAC and the egress address tell them apart. Nothing leaves the namespaces.
 */
final class NetnsLab implements AutoCloseable {

  static final String INTERNET_PREFIX = "198.51.100.";
  static final String COLLECTOR_ADDRESS = INTERNET_PREFIX + "1";
  /**
   * The JUnit resource of {@link #linkHost}: two labs linked to this machine at once would both route
   * the internet segment here, so test classes that link one hold it ({@code @ResourceLock}).
   */
  static final String HOST_LINK = "netns-lab-host-link";

  private final String prefix;
  private final List<String> namespaces = new ArrayList<>();
  private int links;

  /** A home: its router's egress address and LAN MAC, and its laptops' namespaces. */
  record Home(String name, String router, String egressAddress, String gatewayMac, List<String> laptops) {}

  NetnsLab(String prefix) throws IOException, InterruptedException {
    this.prefix = prefix;
    removeLeftovers();
    String inet = addNamespace("inet");
    run("ip", "-n", inet, "link", "add", "br0", "type", "bridge");
    run("ip", "-n", inet, "addr", "add", COLLECTOR_ADDRESS + "/24", "dev", "br0");
    run("ip", "-n", inet, "link", "set", "br0", "up");
  }

  String internet() {
    return prefix + "-inet";
  }

  /**
   * Adds a home behind NAT.
   *
   * @param index 1-99; the router's egress address is 198.51.100.(10 + index)
   */
  Home addHome(String name, int index, int laptops) throws IOException, InterruptedException {
    String router = addNamespace(name + "-r");
    String egress = INTERNET_PREFIX + (10 + index);
    String gatewayMac = String.format("02:fa:00:00:%02x:01", index);
    link(router, "wan0", internet(), "br0");
    run("ip", "-n", router, "addr", "add", egress + "/24", "dev", "wan0");
    run("ip", "-n", router, "link", "add", "lan0", "address", gatewayMac, "type", "bridge");
    run("ip", "-n", router, "addr", "add", "192.168.1.1/24", "dev", "lan0");
    run("ip", "-n", router, "link", "set", "lan0", "up");
    run("ip", "netns", "exec", router, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
    run("ip", "netns", "exec", router, "nft",
        "add table ip nat; "
            + "add chain ip nat post { type nat hook postrouting priority 100 ; } ; "
            + "add rule ip nat post oifname \"wan0\" masquerade");
    List<String> laptopNamespaces = new ArrayList<>();
    for (int i = 1; i <= laptops; i++) {
      String laptop = addNamespace(name + "-l" + i);
      link(laptop, "eth0", router, "lan0");
      run("ip", "-n", laptop, "link", "set", "eth0", "address", String.format("02:fb:00:%02x:%02x:01", index, i));
      run("ip", "-n", laptop, "addr", "add", "192.168.1." + (10 + i) + "/24", "dev", "eth0");
      run("ip", "-n", laptop, "route", "add", "default", "via", "192.168.1.1");
      laptopNamespaces.add(laptop);
    }
    return new Home(name, router, egress, gatewayMac, List.copyOf(laptopNamespaces));
  }

  /**
   * Gives this machine's own network namespace an address on the internet segment, so processes
   * that must stay in it (collectors that reach a PostgreSQL listening on loopback) serve the homes.
   * The link goes when the internet namespace does.
   */
  void linkHost(String address) throws IOException, InterruptedException {
    String host = prefix.substring(0, Math.min(prefix.length(), 6)) + "h";
    String peer = prefix.substring(0, Math.min(prefix.length(), 6)) + "p";
    runQuietly("ip", "link", "del", host);
    run("ip", "link", "add", host, "type", "veth", "peer", "name", peer);
    run("ip", "link", "set", peer, "netns", internet());
    run("ip", "-n", internet(), "link", "set", peer, "master", "br0", "up");
    run("ip", "addr", "add", address + "/24", "dev", host);
    run("ip", "link", "set", host, "up");
  }

  /** Runs a command inside a namespace and returns its output; fails on a non-zero exit. */
  String exec(String namespace, String... command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    full.addAll(List.of(command));
    return run(full.toArray(String[]::new));
  }

  /** Starts a long-running process inside a namespace. */
  Process spawn(String namespace, List<String> command, java.nio.file.Path log) throws IOException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    full.addAll(command);
    return new ProcessBuilder(full).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    for (String ns : namespaces) {
      runQuietly("ip", "netns", "del", ns);
    }
  }

  private String addNamespace(String name) throws IOException, InterruptedException {
    String ns = prefix + "-" + name;
    run("ip", "netns", "add", ns);
    namespaces.add(ns);
    run("ip", "-n", ns, "link", "set", "lo", "up");
    return ns;
  }

  /** A veth pair: {@code name} inside {@code ns}, its peer enslaved to {@code bridge} in {@code bridgeNs}. */
  private void link(String ns, String name, String bridgeNs, String bridge)
      throws IOException, InterruptedException {
    // Temporary names in the root namespace must be unique there and at most 15 characters.
    String a = prefix.substring(0, Math.min(prefix.length(), 6)) + "a" + links;
    String b = prefix.substring(0, Math.min(prefix.length(), 6)) + "b" + links;
    links++;
    run("ip", "link", "add", a, "type", "veth", "peer", "name", b);
    run("ip", "link", "set", a, "netns", ns, "name", name);
    run("ip", "link", "set", b, "netns", bridgeNs);
    run("ip", "-n", bridgeNs, "link", "set", b, "master", bridge, "up");
    run("ip", "-n", ns, "link", "set", name, "up");
  }

  private void removeLeftovers() throws IOException, InterruptedException {
    for (String line : run("ip", "netns", "list").split("\n")) {
      String ns = line.split(" ")[0];
      if (ns.startsWith(prefix + "-")) {
        runQuietly("ip", "netns", "del", ns);
      }
    }
    runQuietly("ip", "link", "del", prefix.substring(0, Math.min(prefix.length(), 6)) + "h");
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out.strip());
    }
    return out;
  }

  private static void runQuietly(String... command) throws InterruptedException {
    try {
      run(command);
    } catch (IOException e) {
      // Cleanup is best effort: a namespace that is already gone is fine.
    }
  }
}
