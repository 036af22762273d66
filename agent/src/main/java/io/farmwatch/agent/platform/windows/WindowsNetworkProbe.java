package io.farmwatch.agent.platform.windows;

import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.probe.network.CommandNetworkProbe;
import io.farmwatch.agent.probe.network.JdkInterfaces;
import java.util.List;

/** Windows: {@code route print}, {@code arp -a}, {@code netsh wlan}, {@code netstat -ano}, {@code ipconfig /all}. */
public final class WindowsNetworkProbe extends CommandNetworkProbe {

  public WindowsNetworkProbe(CommandRunner runner) {
    this(runner, JdkInterfaces::list);
  }

  public WindowsNetworkProbe(CommandRunner runner, InterfaceLister interfaces) {
    super(new WlanLocationConsent(runner), new Commands(
        new Source<>(List.of("route", "print", "-4"), WindowsCommandParsers::routes),
        new Source<>(List.of("arp", "-a"), WindowsCommandParsers::neighbors),
        new Source<>(WlanLocationConsent.COMMAND, WindowsCommandParsers::wifi),
        new Source<>(List.of("netstat", "-ano"), WindowsCommandParsers::sockets),
        new Source<>(List.of("ipconfig", "/all"), WindowsCommandParsers::dns)), interfaces);
  }
}
