package io.farmwatch.agent.platform.windows.service;

import com.sun.jna.platform.win32.Winsvc;
import io.farmwatch.agent.platform.windows.service.ServiceStatus.State;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts the agent as a Windows service in its own process (no wrapper executable): connects to the
 * Service Control Manager, reports START_PENDING, RUNNING, STOP_PENDING and STOPPED, stops the
 * agent on a stop or shutdown control, and passes session changes on.
 *
 * <p>Exit codes map to the Linux unit's restart rules: 0 and the refusals (77 device refused, 78
 * invalid configuration) end in STOPPED, which the Service Control Manager never restarts; any other
 * failure ends the process without reporting STOPPED, which the Service Control Manager counts as a
 * crash and answers with the MSI's failure actions (restart).
 */
public final class WindowsServiceHost {

  /** The name the MSI installs the service under (packaging/windows/farmwatch-agent.wxs). */
  public static final String SERVICE_NAME = "FarmWatchAgent";

  static final int NO_ERROR = 0;
  static final int ERROR_CALL_NOT_IMPLEMENTED = 120;
  static final int RUNNING_ACCEPTS =
      Winsvc.SERVICE_ACCEPT_STOP | Winsvc.SERVICE_ACCEPT_SHUTDOWN | Winsvc.SERVICE_ACCEPT_SESSIONCHANGE;
  /** The Linux unit's TimeoutStopSec; re-reported with a new checkpoint every third of it while stopping. */
  static final Duration STOP_WAIT = Duration.ofSeconds(30);
  static final Duration START_WAIT = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(WindowsServiceHost.class);

  /** The service's work: runs until interrupted (a stop) or done; returns the agent's exit code. */
  @FunctionalInterface
  public interface Body {
    int run() throws Exception;
  }

  private final ServiceControlApi api;
  private final Body body;
  private final Consumer<SessionChange> sessions;
  private final IntConsumer crash;
  private final ScheduledExecutorService ticker;

  private Object statusHandle;
  private ServiceStatus current;
  private Thread worker;
  private boolean stopRequested;

  /**
   * @param crash ends the process with the code without reporting STOPPED (Runtime.halt in the real service)
   */
  public WindowsServiceHost(ServiceControlApi api, Body body, Consumer<SessionChange> sessions, IntConsumer crash,
      ScheduledExecutorService ticker) {
    this.api = api;
    this.body = body;
    this.sessions = sessions;
    this.crash = crash;
    this.ticker = ticker;
  }

  /** The real service: jna-platform's Advapi32, a daemon ticker thread, and a halt for crashes. */
  public static WindowsServiceHost real(Body body, Consumer<SessionChange> sessions) {
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "service-stop-ticker");
      t.setDaemon(true);
      return t;
    });
    return new WindowsServiceHost(new Advapi32ServiceControl(), body, sessions, code -> Runtime.getRuntime().halt(code),
        ticker);
  }

  /**
   * Enters the service dispatcher and returns when the service has stopped; false when this process
   * was not started by the Service Control Manager (ERROR_FAILED_SERVICE_CONTROLLER_CONNECT).
   */
  public boolean run() {
    try {
      return api.runDispatcher(SERVICE_NAME, this::serviceMain);
    } finally {
      ticker.shutdownNow();
    }
  }

  /** ServiceMain, on the dispatcher's service thread: the agent runs on this thread. */
  void serviceMain() {
    synchronized (this) {
      worker = Thread.currentThread();
      statusHandle = api.registerHandler(SERVICE_NAME, this::control);
      report(State.START_PENDING, 0, NO_ERROR, 0, START_WAIT);
      // RUNNING before the agent's own start (enrollment can wait on the network for longer than
      // the Service Control Manager, and msiexec with it, waits for a start).
      report(State.RUNNING, RUNNING_ACCEPTS, NO_ERROR, 0, Duration.ZERO);
    }
    int code;
    try {
      code = body.run();
    } catch (InterruptedException e) {
      code = 0;
    } catch (Exception | LinkageError e) {
      LOG.error("the agent failed", e);
      code = 1;
    }
    Thread.interrupted(); // a stop that came as the body ended must not leak into what follows
    synchronized (this) {
      if (stopRequested || code == 0) {
        report(State.STOPPED, 0, NO_ERROR, 0, Duration.ZERO);
      } else if (code == 77 || code == 78) {
        report(State.STOPPED, 0, ServiceStatus.ERROR_SERVICE_SPECIFIC_ERROR, code, Duration.ZERO);
      } else {
        LOG.error("exiting with {} without reporting STOPPED, so the failure actions restart the service", code);
        crash.accept(code);
      }
    }
  }

  /** HandlerEx, on the dispatcher's main thread. */
  int control(int control, int eventType, int sessionId) {
    switch (control) {
      case Winsvc.SERVICE_CONTROL_STOP, Winsvc.SERVICE_CONTROL_SHUTDOWN -> {
        synchronized (this) {
          if (current != null && current.state() == State.RUNNING) {
            stopRequested = true;
            report(State.STOP_PENDING, 0, NO_ERROR, 0, STOP_WAIT);
            long every = STOP_WAIT.toMillis() / 3;
            ticker.scheduleAtFixedRate(this::tick, every, every, TimeUnit.MILLISECONDS);
            worker.interrupt();
          }
        }
        return NO_ERROR;
      }
      case Winsvc.SERVICE_CONTROL_INTERROGATE -> {
        synchronized (this) {
          if (current != null) {
            api.setStatus(statusHandle, current);
          }
        }
        return NO_ERROR;
      }
      case Winsvc.SERVICE_CONTROL_SESSIONCHANGE -> {
        try {
          sessions.accept(new SessionChange(SessionChange.Kind.of(eventType), sessionId));
        } catch (RuntimeException e) {
          // The handler runs on the dispatcher's thread: nothing a listener throws may reach it.
          LOG.warn("session change {} of session {} not handled", eventType, sessionId, e);
        }
        return NO_ERROR;
      }
      default -> {
        return ERROR_CALL_NOT_IMPLEMENTED;
      }
    }
  }

  /** While stopping: tells the Service Control Manager the stop is progressing (a new checkpoint). */
  synchronized void tick() {
    if (current != null && current.state() == State.STOP_PENDING) {
      report(State.STOP_PENDING, 0, NO_ERROR, 0, STOP_WAIT);
    }
  }

  private void report(State state, int accepts, int win32ExitCode, int specificExitCode, Duration waitHint) {
    boolean pending = state == State.START_PENDING || state == State.STOP_PENDING;
    int checkPoint = !pending ? 0 : current != null && current.state() == state ? current.checkPoint() + 1 : 1;
    current = new ServiceStatus(state, accepts, win32ExitCode, specificExitCode, checkPoint, (int) waitHint.toMillis());
    api.setStatus(statusHandle, current);
  }
}
