package io.farmwatch.agent.cli;

import ch.qos.logback.classic.Level;
import io.farmwatch.agent.detect.DetectorFactory;
import io.farmwatch.agent.helper.service.HelperLocaleProbe;
import io.farmwatch.agent.helper.service.SessionConversation;
import io.farmwatch.agent.helper.service.SessionGate;
import io.farmwatch.agent.helper.service.SessionIntake;
import io.farmwatch.agent.helper.unix.UnixSessionListener;
import io.farmwatch.agent.identity.DeviceCredentials;
import io.farmwatch.agent.identity.DeviceIdentityStore;
import io.farmwatch.agent.identity.SequenceCounter;
import io.farmwatch.agent.identity.StateFolder;
import io.farmwatch.agent.input.InputSampler;
import io.farmwatch.agent.platform.Platform;
import io.farmwatch.agent.platform.ServiceHosting;
import io.farmwatch.agent.probe.ProbeSet;
import io.farmwatch.agent.runtime.config.AgentConfig;
import io.farmwatch.agent.runtime.enroll.Enrollment;
import io.farmwatch.agent.runtime.enroll.EnrollmentStore;
import io.farmwatch.agent.runtime.enroll.StateFolderLock;
import io.farmwatch.agent.runtime.logging.AgentLogging;
import io.farmwatch.agent.runtime.policy.KeptPolicy;
import io.farmwatch.agent.runtime.policy.PolicyRuntime;
import io.farmwatch.agent.runtime.policy.PolicySettings;
import io.farmwatch.agent.runtime.schedule.AgentRunner;
import io.farmwatch.agent.runtime.schedule.Courier;
import io.farmwatch.agent.runtime.schedule.CycleResult;
import io.farmwatch.agent.runtime.spool.Spool;
import io.farmwatch.agent.runtime.status.AgentStatus;
import io.farmwatch.agent.runtime.status.HelperStatusStore;
import io.farmwatch.agent.runtime.status.StatusStore;
import io.farmwatch.agent.runtime.testtime.DilatedClock;
import io.farmwatch.agent.runtime.testtime.DilatedInputSource;
import io.farmwatch.agent.runtime.testtime.TestTimeScale;
import io.farmwatch.agent.runtime.transport.CollectorClient;
import io.farmwatch.agent.runtime.transport.CollectorSettings;
import io.farmwatch.agent.runtime.transport.PlainHttpRefusedException;
import io.farmwatch.agent.scan.ReportAssembler;
import io.farmwatch.agent.session.RemoteSessionWatch;
import io.farmwatch.protocol.ProtocolLimits;
import io.farmwatch.protocol.envelope.EncodedPublicKey;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The agent service: collects, signs, spools and delivers reports on an interval. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Collect and send signed reports on an interval (the service's command).",
      "An enrolled state folder is all it needs. If not enrolled yet and the config (or "
          + EnrollCommand.TOKEN_ENV + ") holds a collector URL and token, it enrolls first.",
      "Exit codes: 0 ok, 1 failed, 77 the collector refuses this device, 78 invalid configuration."
    })
final class RunCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Spec CommandSpec spec;
  @Mixin ConfigOptions options;

  @Option(names = "--once", description = "One cycle, then exit: 0 only if the report was accepted or safely spooled.")
  boolean once;

  @Option(
      names = "--service",
      description = "Log to a rolling file (logging.dir, default <state>/logs) instead of stderr. On Windows: run as "
          + "the FarmWatchAgent service (started by the Service Control Manager), enrolling silently from "
          + "%ProgramData%\\FarmWatch\\agent.env.")
  boolean service;

  @Option(names = "--session-socket", paramLabel = "PATH",
      description = "Unix socket for the session helpers' input counts; 'none' for no socket (default: "
          + Platform.LINUX_SESSION_SOCKET + ", on macOS " + Platform.MAC_SESSION_SOCKET + "; Windows uses a named"
          + " pipe per session).")
  String sessionSocket;

  /** The running input sampler, or null while input sampling is off. */
  private volatile InputSampler input;
  /**
   * Where the session helpers' counts and layouts go, whichever sampler runs; made once the options
   * name the state folder, where their states are shown to {@code status}.
   */
  private SessionIntake helpers;
  /** The dilated clock of the test time scale, or null: input minutes are real ones. */
  private DilatedClock testClock;

  @Override
  public Integer call() throws Exception {
    helpers = new SessionIntake(() -> {
      InputSampler sampler = input;
      return sampler == null ? null : sampler.recorder();
    }, Clock.systemUTC(), SESSION_KEEP_MINUTES, new HelperStatusStore(options.stateDir(), Clock.systemUTC())::save);
    if (service && ServiceHosting.hostsItself()) {
      // The agent runs on the dispatcher's service thread; a stop interrupts it. Helpers reach it
      // through their sessions' pipes, which follow the service's session changes.
      if (!ServiceHosting.runHosted(this::runAgent, helpers, Clock.systemUTC())) {
        spec.commandLine().getErr().println("run --service is for the Service Control Manager: "
            + "sc start FarmWatchAgent (or run without --service in a console)");
        return ExitCodes.CONFIG;
      }
      return ExitCodes.OK;
    }
    return runAgent();
  }

  private int runAgent() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    AgentConfig config = options.loadOrReport(err);
    if (config == null) {
      return ExitCodes.CONFIG;
    }
    Optional<TestTimeScale> testTime;
    try {
      testTime = TestTimeScale.from(System.getenv(), Boolean.getBoolean(TestTimeScale.ALLOW_PROPERTY));
    } catch (TestTimeScale.InvalidTestTimeException e) {
      err.println(e.getMessage());
      return ExitCodes.CONFIG;
    }
    Path state = options.stateDir();
    try {
      StateFolder.secure(state);
    } catch (StateFolder.UnsafeStateFolderException e) {
      err.println(e.getMessage());
      return ExitCodes.CONFIG;
    }
    Level level = Level.toLevel(config.logLevel(), Level.INFO);
    if (service) {
      Path logDir = config.logDir() != null ? config.logDir() : state.resolve("logs");
      Files.createDirectories(logDir);
      AgentLogging.toRollingFile(AgentLogging.context(), logDir, level);
    } else {
      AgentLogging.toStderr(AgentLogging.context(), level);
    }

    Optional<Enrollment> enrollment = new EnrollmentStore(state).load();
    if (enrollment.isEmpty() && service && ServiceHosting.hostsItself()) {
      int enrolled = new SilentEnrollment(state, ServiceHosting.settingsFile(), ServiceHosting::protectSettingsFile,
          SilentEnrollment.RECHECK).enrollWhenReady(config, spec);
      if (enrolled != ExitCodes.OK) {
        return enrolled;
      }
      enrollment = new EnrollmentStore(state).load();
    }
    if (enrollment.isEmpty()) {
      String token = EnrollCommand.firstNonBlank(System.getenv(EnrollCommand.TOKEN_ENV), config.enrollToken());
      if (config.collectorUrl() == null || token == null) {
        err.println("not enrolled: run 'farmwatch-agent enroll --collector URL --token TOKEN --state " + state
            + "', or set collector.url and collector.enrollToken in the config");
        return ExitCodes.CONFIG;
      }
      CollectorSettings settings = new CollectorSettings(config.collectorUrl(), config.allowPlainHttp(),
          readPin(config), config.requestTimeout(), config.requestDeadline());
      int enrolled = EnrollCommand.enroll(state, settings, token, false, spec);
      if (enrolled != ExitCodes.OK) {
        return enrolled;
      }
      enrollment = new EnrollmentStore(state).load();
    }
    AgentStatus status = new StatusStore(state).load();
    if (status.stopped() != null) {
      err.println("not sending: " + status.stopped().message() + " (since " + status.stopped().at() + ")");
      return ExitCodes.DEVICE_REFUSED;
    }

    try (StateFolderLock lock = StateFolderLock.acquire(state)) {
      return run(state, config, enrollment.orElseThrow(), testTime);
    } catch (StateFolderLock.StateFolderBusyException e) {
      err.println(e.getMessage());
      return ExitCodes.FAILED;
    } catch (PlainHttpRefusedException | StateFolder.UnsafeStateFolderException e) {
      err.println(e.getMessage());
      return ExitCodes.CONFIG;
    }
  }

  private int run(Path state, AgentConfig config, Enrollment enrollment, Optional<TestTimeScale> testTime)
      throws Exception {
    // The config may move the agent to a new collector URL or pin; enrollment supplies the rest.
    String pin = config.pinnedCertificate() != null ? readPin(config) : enrollment.pinnedCertificatePem();
    CollectorSettings settings =
        new CollectorSettings(
            config.collectorUrl() != null ? config.collectorUrl() : enrollment.collectorUrl(),
            config.allowPlainHttp() || enrollment.allowPlainHttp(),
            pin,
            config.requestTimeout(),
            config.requestDeadline());
    CollectorClient client = settings.connect();
    DeviceIdentityStore identity = DeviceIdentityStore.open(state);
    Spool spool = Spool.open(state, config.spool());
    Clock clock = Clock.systemUTC();
    testClock = testTime.map(t -> t.clock(clock)).orElse(null);
    testTime.ifPresent(t -> LOG.warn("TEST SETTING {}={}: input minutes last {} ms and start at {}; this agent's"
        + " activity is simulated time, not for use on a real machine", TestTimeScale.SCALE, t.scale(),
        String.format(java.util.Locale.ROOT, "%.1f", t.realMillisPerMinute()), t.origin()));
    // Input minutes and remote-session marks are labelled by this clock; reports keep real time.
    Clock inputClock = testClock != null ? testClock : clock;
    StatusStore statusStore = new StatusStore(state);
    Platform platform = Platform.forThisMachine();
    // Made once: the central policy may start and stop the sampler, and marks go to whichever runs.
    RemoteSessionWatch sessions = new RemoteSessionWatch(platform.sessionProbe(), inputClock, minute -> {
      InputSampler sampler = input;
      if (sampler != null) {
        sampler.markRemoteSession(minute);
      }
    });
    DeviceCredentials credentials = identity.credentials();
    KeptPolicy kept = enrollment.policyKeyPem() == null ? null
        : KeptPolicy.open(state, EncodedPublicKey.fromPem(enrollment.policyKeyPem()));
    PolicyRuntime policy = new PolicyRuntime(kept,
        running -> client.fetchPolicy(enrollment.deviceId(), credentials.privateKey(), running == 0 ? null : running),
        config, applied -> new ReportAssembler(clock,
            withHelperLocale(platform.probes(applied.privacy().sendCommandLines(), clock)),
            DetectorFactory.create(config.catalogDirs(), applied.allowlist(), applied.tools()),
            sampling(platform, inputClock, applied), sessions));
    AgentRunner runner =
        new AgentRunner(
            state,
            enrollment.deviceId(),
            credentials,
            policy,
            spool,
            new Courier(spool, client, statusStore, new SequenceCounter(state), clock),
            config,
            clock,
            RandomGenerator.getDefault());
    LOG.info("running as device {} against {} every {} ({} spooled)",
        enrollment.deviceId(), settings.url(), once ? "(once)" : policy.interval(), spool.depth());
    if (once) {
      CycleResult result = runner.cycle();
      spec.commandLine().getOut().println(result.name().toLowerCase(java.util.Locale.ROOT));
      spec.commandLine().getOut().flush();
      return switch (result) {
        case DELIVERED, SPOOLED -> ExitCodes.OK;
        case REJECTED -> ExitCodes.FAILED;
        case STOPPED -> ExitCodes.DEVICE_REFUSED;
      };
    }
    sessions.checkEveryMinute();
    // What an earlier run left for status goes: only helpers of this run are connected.
    helpers.republish();
    try (UnixSessionListener listener = listenForSessionHelpers(platform, clock)) {
      runner.runForever();
    }
    LOG.error("stopped: {}", statusStore.load().stopped());
    return ExitCodes.DEVICE_REFUSED;
  }

  /** The probes, with the layouts and input methods the user's session helper read when it reported some. */
  private ProbeSet withHelperLocale(ProbeSet probes) {
    return new ProbeSet(probes.hardware(), probes.network(), probes.processes(), probes.peripherals(),
        new HelperLocaleProbe(probes.locale(), helpers::latest));
  }

  /**
   * The socket session helpers hand their users' input counts to, or null when there is none: no
   * socket asked for, its folder missing (a service started without its RuntimeDirectory), or
   * Windows, whose helpers use their sessions' pipes.
   */
  private UnixSessionListener listenForSessionHelpers(Platform platform, Clock clock) {
    if ("none".equals(sessionSocket) || ServiceHosting.hostsItself()) {
      return null;
    }
    Path socket = sessionSocket != null ? Path.of(sessionSocket) : platform.sessionSocket();
    try {
      return UnixSessionListener.start(socket,
          new SessionConversation(new SessionGate(platform.sessionUsers()::test), helpers, clock));
    } catch (java.io.IOException | UnsupportedOperationException e) {
      LOG.warn("no session helpers: cannot listen on {}: {}", socket, e.toString());
      return null;
    }
  }

  /**
   * The input sampler the settings ask for, started or stopped as the central policy switches it.
   * One --once cycle has no time to sample input; the service samples for as long as it runs.
   */
  private InputSampler sampling(Platform platform, Clock clock, PolicySettings settings) {
    boolean wanted = !once && settings.privacy().inputSampling();
    if (!wanted && input != null) {
      input.close();
      input = null;
    } else if (wanted && input == null && testClock != null) {
      // Simulated minutes pass thousands of times as fast: each report carries all the protocol
      // allows, so a report late on a loaded test machine still covers every minute since the last.
      input = InputSampler.start(new DilatedInputSource(platform.inputSource(), testClock), clock,
          ProtocolLimits.LIST_ITEMS.get("input.minutes"));
    } else if (wanted && input == null) {
      input = InputSampler.start(platform.inputSource(), clock,
          (int) Math.min(SESSION_KEEP_MINUTES, Math.max(5, settings.interval().toMinutes() + 1)));
    }
    return input;
  }

  /** How far back a helper's minute may lie: the most a sampler keeps. */
  private static final int SESSION_KEEP_MINUTES = 60;

  private static String readPin(AgentConfig config) throws java.io.IOException {
    return config.pinnedCertificate() == null ? null : Files.readString(config.pinnedCertificate());
  }
}
