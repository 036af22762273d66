package io.farmwatch.agent.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.testing.RecordedCommands;
import io.farmwatch.protocol.report.Unavailable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Wi-Fi link when wdutil redacts it. The redacted output is the recorded {@code wdutil info}
 * with its SSID and BSSID lines as macOS 14.4 and later print them (the rest of the layout does not
 * change).
 */
class WdutilRedactionTest {

  private static final RecordedCommands RECORDED = new RecordedCommands(Map.of(
      List.of("wdutil", "info"), "mac/wdutil-info.txt",
      List.of("netstat", "-rn", "-f", "inet"), "mac/netstat-rn.txt"));

  /** The recordings, with wdutil's SSID and BSSID redacted. */
  private static final CommandRunner REDACTED = new CommandRunner() {
    @Override
    public Output run(List<String> command, boolean withStderr) {
      Output out = RECORDED.run(command, withStderr);
      return !command.equals(WdutilRedaction.COMMAND) ? out : new Output(true,
          out.stdout().replaceAll("(?m)^(\\s*B?SSID\\s*:).*$", "$1 <redacted>"), null);
    }
  };

  @Test
  void aRedactedBssidIsReportedWithWhatLiftsIt() {
    var result = new MacNetworkProbe(REDACTED, List::of).collect();
    assertThat(result.value().wifi()).isEmpty();
    assertThat(result.unavailable()).filteredOn(u -> u.field().equals("network.wifi")).singleElement()
        .satisfies(u -> {
          assertThat(u.source()).isEqualTo("wdutil info");
          assertThat(u.reason()).contains("<redacted>", "macOS 14.4", "Location Services");
        });
    // Only wdutil's answer changes: the routes from the same run are there.
    assertThat(result.value().routes()).isNotEmpty();
    assertThat(result.unavailable()).extracting(Unavailable::field).doesNotContain("network.routes");
  }

  @Test
  void anUnredactedLinkPassesThrough() {
    var result = new MacNetworkProbe(RECORDED, List::of).collect();
    assertThat(result.value().wifi()).singleElement().satisfies(w -> assertThat(w.bssid()).isNotNull());
    assertThat(result.unavailable()).extracting(Unavailable::field).doesNotContain("network.wifi");
  }
}
