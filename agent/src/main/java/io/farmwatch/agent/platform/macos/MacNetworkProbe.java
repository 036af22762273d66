package io.farmwatch.agent.platform.macos;

import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.probe.network.CommandNetworkProbe;
import io.farmwatch.agent.probe.network.JdkInterfaces;
import java.util.List;

/** macOS: {@code netstat -rn}, {@code arp -an}, {@code wdutil info}, {@code lsof}, {@code scutil --dns}. */
public final class MacNetworkProbe extends CommandNetworkProbe {

  public MacNetworkProbe(CommandRunner runner) {
    this(runner, JdkInterfaces::list);
  }

  public MacNetworkProbe(CommandRunner runner, InterfaceLister interfaces) {
    super(new WdutilRedaction(runner), new Commands(
        new Source<>(List.of("netstat", "-rn", "-f", "inet"), MacCommandParsers::routes),
        new Source<>(List.of("arp", "-an"), MacCommandParsers::neighbors),
        new Source<>(WdutilRedaction.COMMAND, out -> {
          var link = MacCommandParsers.wifi(out);
          return link == null ? List.of() : List.of(link);
        }),
        new Source<>(List.of("lsof", "-nP", "-iTCP", "-iUDP"), MacCommandParsers::sockets),
        new Source<>(List.of("scutil", "--dns"), MacCommandParsers::dns)), interfaces);
  }
}
