package io.farmwatch.agent.platform.macos;

import io.farmwatch.agent.probe.CommandRunner;
import java.util.List;
import java.util.Optional;

/**
 * Who has the graphical session on a Mac: the owner of {@code /dev/console}, which loginwindow
 * hands to the user logged in at the screen (the one fast-user-switching shows) and back to root at
 * the login window. Asked per connection, so a user switched away from is refused at once.
 */
final class MacConsoleUser {

  static final List<String> COMMAND = List.of("stat", "-f", "%Su", "/dev/console");

  private final CommandRunner commands;

  MacConsoleUser(CommandRunner commands) {
    this.commands = commands;
  }

  /** Whether {@code user} is the console user now; nobody when stat fails. */
  boolean hasGraphicalSession(String user) {
    CommandRunner.Output out = commands.run(COMMAND);
    return user != null && out.ok() && parse(out.stdout()).filter(user::equals).isPresent();
  }

  /** The console user in stat's output; none at the login window (root) or on empty output. */
  static Optional<String> parse(String statOutput) {
    String name = statOutput == null ? "" : statOutput.strip();
    if (name.isEmpty() || name.equals("root") || name.contains("\n") || name.contains(" ")) {
      return Optional.empty();
    }
    return Optional.of(name);
  }
}
