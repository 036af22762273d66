package io.farmwatch.agent.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.helper.unix.UnixSessionConnector;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the chooser hands the session helper on each OS: its input source and the way to the service. */
class PlatformSessionTest {

  @Test
  void macOsSamplesCoreGraphicsAndReachesTheDaemonsSocketUnderVarRun() {
    Platform mac = Platform.named("Mac OS X");

    assertThat(mac.sessionInputSource().name()).isEqualTo("macos-cgeventsource");
    assertThat(mac.sessionSocket()).isEqualTo(Path.of(Platform.MAC_SESSION_SOCKET));
    assertThat(mac.sessionConnector(mac.sessionSocket())).isInstanceOf(UnixSessionConnector.class);
  }

  @Test
  void windowsSamplesTheLowLevelHooks() {
    // The connector asks Windows for this process's session: not callable here.
    assertThat(Platform.named("Windows 11").sessionInputSource().name()).isEqualTo("windows-ll-hooks");
  }

  @Test
  void linuxKeepsItsRuntimeDirectorySocket() {
    Platform linux = Platform.named("Linux");

    assertThat(linux.sessionSocket()).isEqualTo(Path.of(Platform.LINUX_SESSION_SOCKET));
    assertThat(linux.sessionConnector(linux.sessionSocket())).isInstanceOf(UnixSessionConnector.class);
  }
}
