package io.farmwatch.agent.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.probe.CommandRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console user decides who may hand the macOS daemon input counts. */
class MacConsoleUserTest {

  @Test
  void theConsoleOwnerHasTheGraphicalSession() {
    assertThat(MacConsoleUser.parse("alice\n")).contains("alice");
  }

  @Test
  void nobodyAtTheLoginWindowOrOnOddOutput() {
    assertThat(MacConsoleUser.parse("root\n")).isEmpty();
    assertThat(MacConsoleUser.parse("")).isEmpty();
    assertThat(MacConsoleUser.parse(null)).isEmpty();
    assertThat(MacConsoleUser.parse("alice\nbob\n")).isEmpty();
    assertThat(MacConsoleUser.parse("stat: /dev/console: No such file")).isEmpty();
  }

  @Test
  void asksStatAboutTheConsoleAndComparesTheName() {
    MacConsoleUser console = new MacConsoleUser(answering(new CommandRunner.Output(true, "alice\n", null)));
    assertThat(console.hasGraphicalSession("alice")).isTrue();
    assertThat(console.hasGraphicalSession("bob")).isFalse();
    assertThat(console.hasGraphicalSession(null)).isFalse();
  }

  @Test
  void nobodyWhenStatFails() {
    MacConsoleUser console = new MacConsoleUser(answering(new CommandRunner.Output(false, "alice\n", "exit 1")));
    assertThat(console.hasGraphicalSession("alice")).isFalse();
  }

  /** The macOS stat command does not exist here: this answers for it, and checks what was asked. */
  private static CommandRunner answering(CommandRunner.Output output) {
    return new CommandRunner() {
      @Override
      public Output run(List<String> command, boolean withStderr) {
        assertThat(command).isEqualTo(MacConsoleUser.COMMAND);
        return output;
      }
    };
  }
}
