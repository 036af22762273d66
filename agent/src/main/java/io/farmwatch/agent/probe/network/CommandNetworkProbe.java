package io.farmwatch.agent.probe.network;

import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.probe.Missing;
import io.farmwatch.agent.probe.NetworkProbe;
import io.farmwatch.agent.probe.ProbeResult;
import io.farmwatch.protocol.report.Neighbor;
import io.farmwatch.protocol.report.NetInterface;
import io.farmwatch.protocol.report.NetworkState;
import io.farmwatch.protocol.report.Route;
import io.farmwatch.protocol.report.SocketInfo;
import io.farmwatch.protocol.report.WifiLink;
import java.net.SocketException;
import java.util.List;
import java.util.function.Function;

/**
 * The network probe for systems where routes, neighbours, Wi-Fi and sockets come from the OS's own
 * commands (Windows, macOS). Each platform names its commands and parsers; the assembly, and what
 * is reported missing when a command fails, is the same.
 */
public class CommandNetworkProbe implements NetworkProbe {

  /** One command and the parser of its output. */
  public record Source<T>(List<String> command, Function<String, T> parser) {}

  /** What one platform runs. */
  public record Commands(
      Source<List<Route>> routes, Source<List<Neighbor>> neighbors, Source<List<WifiLink>> wifi,
      Source<List<SocketInfo>> sockets, Source<List<String>> dns) {}

  /** Where the interface list comes from: the JDK on a real system, a recording in tests. */
  @FunctionalInterface
  public interface InterfaceLister {
    List<NetInterface> list() throws SocketException;
  }

  private final CommandRunner runner;
  private final Commands commands;
  private final InterfaceLister lister;

  public CommandNetworkProbe(CommandRunner runner, Commands commands, InterfaceLister lister) {
    this.runner = runner;
    this.commands = commands;
    this.lister = lister;
  }

  @Override
  public ProbeResult<NetworkState> collect() {
    Missing missing = new Missing();
    List<NetInterface> interfaces;
    try {
      interfaces = lister.list();
    } catch (SocketException e) {
      missing.add("network.interfaces", "java.net.NetworkInterface", e.getMessage());
      interfaces = null;
    }
    InterfaceNames names = new InterfaceNames(interfaces);
    List<Route> routes = names.routes(run(commands.routes(), "network.routes", missing));
    List<Neighbor> neighbors = names.neighbors(run(commands.neighbors(), "network.neighbors", missing));
    return missing.result(new NetworkState(interfaces, routes, Gateways.derive(routes, neighbors,
        String.join(" ", commands.neighbors().command()), missing), neighbors,
        run(commands.dns(), "network.dnsServers", missing), run(commands.wifi(), "network.wifi", missing),
        run(commands.sockets(), "network.sockets", missing)));
  }

  private <T> List<T> run(Source<List<T>> source, String field, Missing missing) {
    CommandRunner.Output out = runner.run(source.command());
    if (!out.ok()) {
      missing.add(field, String.join(" ", source.command()), out.failure());
      return List.of();
    }
    try {
      return source.parser().apply(out.stdout());
    } catch (RuntimeException e) {
      missing.add(field, String.join(" ", source.command()), "unparseable output: " + e);
      return List.of();
    }
  }
}
