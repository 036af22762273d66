package io.farmwatch.agent.cli;

import ch.qos.logback.classic.Level;
import io.farmwatch.agent.helper.SessionChannel;
import io.farmwatch.agent.helper.SessionHelper;
import io.farmwatch.agent.helper.SessionRefusedException;
import io.farmwatch.agent.helper.unix.UnixSessionConnector;
import io.farmwatch.agent.platform.Platform;
import io.farmwatch.agent.runtime.logging.AgentLogging;
import io.farmwatch.agent.runtime.schedule.Backoff;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The session helper: runs as the user in a graphical session and hands the service its input counts. */
@Command(
    name = "session",
    mixinStandardHelpOptions = true,
    description = {
      "The session helper: samples input timing in this graphical session (X11 XInput2, injected input"
          + " told apart) and sends per-minute counts to the agent service over its local socket.",
      "Started by XDG autostart or the systemd user unit farmwatch-session.service; not needed by hand.",
      "Exit codes: 0 ok (also when there is nothing to sample here, or another helper of the user runs: said on stderr),"
          + " 1 failed, 77 (--check) the service refuses this user."
    })
final class SessionCommand implements Callable<Integer> {

  /** Where the service listens (its systemd unit's RuntimeDirectory). */
  static final String DEFAULT_SOCKET = "/run/farmwatch-agent/session.sock";

  @Spec CommandSpec spec;

  @Option(names = "--socket", paramLabel = "PATH", defaultValue = DEFAULT_SOCKET,
      description = "The service's session socket (default: ${DEFAULT-VALUE}).")
  Path socket;

  @Option(names = "--check", description = "Connect once, say whether the service takes this user's counts, and exit.")
  boolean check;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    UnixSessionConnector connector = new UnixSessionConnector(socket);
    if (check) {
      try (SessionChannel channel = connector.connect()) {
        out.println("accepted: the service at " + socket + " takes this session's counts");
        return ExitCodes.OK;
      } catch (SessionRefusedException e) {
        err.println("refused: " + e.getMessage());
        return ExitCodes.DEVICE_REFUSED;
      } catch (IOException e) {
        err.println("cannot reach the service: " + e.getMessage());
        return ExitCodes.FAILED;
      }
    }
    AgentLogging.toStderr(AgentLogging.context(), Level.INFO);
    Platform platform = Platform.forThisMachine();
    SessionHelper helper = new SessionHelper(platform.sessionInputSource(), connector, platform::sessionLocale,
        Clock.systemUTC(), new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), RandomGenerator.getDefault()));
    Runtime.getRuntime().addShutdownHook(new Thread(helper::close, "session-helper-stop"));
    String stopped = helper.run();
    if (stopped != null) {
      err.println(stopped);
    }
    return ExitCodes.OK;
  }
}
