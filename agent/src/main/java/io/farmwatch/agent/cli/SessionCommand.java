package io.farmwatch.agent.cli;

import ch.qos.logback.classic.Level;
import io.farmwatch.agent.helper.SessionChannel;
import io.farmwatch.agent.helper.SessionConnector;
import io.farmwatch.agent.helper.SessionHelper;
import io.farmwatch.agent.helper.SessionRefusedException;
import io.farmwatch.agent.platform.Platform;
import io.farmwatch.agent.runtime.logging.AgentLogging;
import io.farmwatch.agent.retry.Backoff;
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
      "The session helper: samples input timing in this graphical session (X11 XInput2 on Linux, the low-level"
          + " hooks on Windows, CoreGraphics on macOS; injected input told apart where the OS tells it) and sends"
          + " per-minute counts with the session's keyboard layouts and input methods to the agent service over"
          + " its local socket (Windows: the session's named pipe).",
      "Started by the Windows logon entry or the macOS LaunchAgent; not needed by hand. On Linux the packages start"
          + " the native helper farmwatch-session instead (the same protocol in a fraction of the memory); this"
          + " command remains an alternative there.",
      "Exit codes: 0 ok (also when there is nothing to sample here, or another helper of the user runs: said on stderr),"
          + " 1 failed, 77 (--check) the service refuses this user."
    })
final class SessionCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--socket", paramLabel = "PATH",
      description = "The service's session socket on Linux and macOS (default: " + Platform.LINUX_SESSION_SOCKET
          + ", on macOS " + Platform.MAC_SESSION_SOCKET + "); Windows uses the pipe of this session.")
  Path socket;

  @Option(names = "--check", description = "Connect once, say whether the service takes this user's counts, and exit.")
  boolean check;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Platform platform = Platform.forThisMachine();
    SessionConnector connector = platform.sessionConnector(socket != null ? socket : platform.sessionSocket());
    if (check) {
      try (SessionChannel channel = connector.connect()) {
        out.println("accepted: the service takes this session's counts");
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
