package io.farmwatch.agent.platform.windows.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.platform.win32.Winsvc;
import io.farmwatch.agent.platform.windows.service.ServiceStatus.State;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The service host's state machine against a fake Service Control Manager (no SCM runs here). */
class WindowsServiceHostTest {

  /** Calls serviceMain on a thread of its own, as StartServiceCtrlDispatcher does, and records every status. */
  static final class FakeScm implements ServiceControlApi {
    final List<ServiceStatus> statuses = new CopyOnWriteArrayList<>();
    final CountDownLatch running = new CountDownLatch(1);
    final boolean startedByScm;
    volatile ControlHandler handler;
    volatile String registeredName;

    FakeScm(boolean startedByScm) {
      this.startedByScm = startedByScm;
    }

    @Override
    public boolean runDispatcher(String serviceName, Runnable serviceMain) {
      if (!startedByScm) {
        return false;
      }
      Thread t = new Thread(serviceMain, "service-main");
      t.start();
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      return true;
    }

    @Override
    public Object registerHandler(String serviceName, ControlHandler h) {
      registeredName = serviceName;
      handler = h;
      return "handle";
    }

    @Override
    public void setStatus(Object statusHandle, ServiceStatus status) {
      assertThat(statusHandle).isEqualTo("handle");
      statuses.add(status);
      if (status.state() == State.RUNNING) {
        running.countDown();
      }
    }

    List<State> states() {
      return statuses.stream().map(ServiceStatus::state).toList();
    }

    ServiceStatus last() {
      return statuses.get(statuses.size() - 1);
    }
  }

  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
  private final AtomicInteger crashedWith = new AtomicInteger(-1);
  private final List<SessionChange> sessions = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopTicker() {
    ticker.shutdownNow();
  }

  private WindowsServiceHost host(FakeScm scm, WindowsServiceHost.Body body) {
    return new WindowsServiceHost(scm, body, sessions::add, crashedWith::set, ticker);
  }

  private static int untilInterrupted() throws InterruptedException {
    Thread.sleep(60_000);
    return 0;
  }

  @Test
  void startsPendingThenRunningAcceptingStopShutdownAndSessionChanges() throws Exception {
    FakeScm scm = new FakeScm(true);
    CompletableFuture<Boolean> run = CompletableFuture.supplyAsync(host(scm, WindowsServiceHostTest::untilInterrupted)::run);
    assertThat(scm.running.await(5, TimeUnit.SECONDS)).isTrue();

    assertThat(scm.registeredName).isEqualTo("FarmWatchAgent");
    assertThat(scm.statuses.get(0)).isEqualTo(new ServiceStatus(State.START_PENDING, 0, 0, 0, 1, 10_000));
    assertThat(scm.statuses.get(1)).isEqualTo(new ServiceStatus(State.RUNNING,
        Winsvc.SERVICE_ACCEPT_STOP | Winsvc.SERVICE_ACCEPT_SHUTDOWN | Winsvc.SERVICE_ACCEPT_SESSIONCHANGE, 0, 0, 0, 0));

    assertThat(scm.handler.control(Winsvc.SERVICE_CONTROL_STOP, 0, -1)).isZero();
    assertThat(run.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(scm.states()).containsExactly(State.START_PENDING, State.RUNNING, State.STOP_PENDING, State.STOPPED);
    assertThat(scm.statuses.get(2)).isEqualTo(new ServiceStatus(State.STOP_PENDING, 0, 0, 0, 1, 30_000));
    assertThat(scm.last()).isEqualTo(new ServiceStatus(State.STOPPED, 0, 0, 0, 0, 0));
    assertThat(crashedWith).hasValue(-1);
  }

  @Test
  void aSlowStopAdvancesItsCheckpointAndAShutdownIsAStop() throws Exception {
    FakeScm scm = new FakeScm(true);
    CountDownLatch interrupted = new CountDownLatch(1);
    CountDownLatch finishStopping = new CountDownLatch(1);
    WindowsServiceHost host = host(scm, () -> {
      try {
        return untilInterrupted();
      } catch (InterruptedException e) {
        interrupted.countDown();
        finishStopping.await(); // flushing the spool, say
        return 0;
      }
    });
    CompletableFuture<Boolean> run = CompletableFuture.supplyAsync(host::run);
    assertThat(scm.running.await(5, TimeUnit.SECONDS)).isTrue();

    assertThat(scm.handler.control(Winsvc.SERVICE_CONTROL_SHUTDOWN, 0, -1)).isZero();
    assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    host.tick();
    host.tick();
    // A second stop while stopping changes nothing.
    assertThat(scm.handler.control(Winsvc.SERVICE_CONTROL_STOP, 0, -1)).isZero();
    assertThat(scm.statuses.subList(2, scm.statuses.size()))
        .extracting(ServiceStatus::state, ServiceStatus::checkPoint)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(State.STOP_PENDING, 1),
            org.assertj.core.groups.Tuple.tuple(State.STOP_PENDING, 2),
            org.assertj.core.groups.Tuple.tuple(State.STOP_PENDING, 3));
    finishStopping.countDown();
    assertThat(run.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(scm.last().state()).isEqualTo(State.STOPPED);
    host.tick(); // a late tick after STOPPED reports nothing
    assertThat(scm.last().state()).isEqualTo(State.STOPPED);
  }

  @Test
  void interrogateRepeatsTheCurrentStatusAndOtherControlsAreNotImplemented() throws Exception {
    FakeScm scm = new FakeScm(true);
    CompletableFuture<Boolean> run = CompletableFuture.supplyAsync(host(scm, WindowsServiceHostTest::untilInterrupted)::run);
    assertThat(scm.running.await(5, TimeUnit.SECONDS)).isTrue();

    assertThat(scm.handler.control(Winsvc.SERVICE_CONTROL_INTERROGATE, 0, -1)).isZero();
    assertThat(scm.statuses).hasSize(3);
    assertThat(scm.last()).isEqualTo(scm.statuses.get(1));
    assertThat(scm.handler.control(Winsvc.SERVICE_CONTROL_PAUSE, 0, -1)).isEqualTo(120);
    assertThat(scm.handler.control(Winsvc.SERVICE_CONTROL_PARAMCHANGE, 0, -1)).isEqualTo(120);
    assertThat(scm.statuses).hasSize(3);

    scm.handler.control(Winsvc.SERVICE_CONTROL_STOP, 0, -1);
    assertThat(run.get(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void sessionChangesReachTheListenerAndAFailingListenerNeverReachesTheDispatcher() throws Exception {
    FakeScm scm = new FakeScm(true);
    WindowsServiceHost host = new WindowsServiceHost(scm, WindowsServiceHostTest::untilInterrupted, change -> {
      sessions.add(change);
      if (change.kind() == SessionChange.Kind.LOGOFF) {
        throw new IllegalStateException("pipe already gone");
      }
    }, crashedWith::set, ticker);
    CompletableFuture<Boolean> run = CompletableFuture.supplyAsync(host::run);
    assertThat(scm.running.await(5, TimeUnit.SECONDS)).isTrue();

    assertThat(scm.handler.control(Winsvc.SERVICE_CONTROL_SESSIONCHANGE, 5, 3)).isZero(); // WTS_SESSION_LOGON
    assertThat(scm.handler.control(Winsvc.SERVICE_CONTROL_SESSIONCHANGE, 3, 7)).isZero(); // WTS_REMOTE_CONNECT
    assertThat(scm.handler.control(Winsvc.SERVICE_CONTROL_SESSIONCHANGE, 6, 3)).isZero(); // WTS_SESSION_LOGOFF
    assertThat(scm.handler.control(Winsvc.SERVICE_CONTROL_SESSIONCHANGE, 42, 3)).isZero();
    assertThat(sessions).containsExactly(new SessionChange(SessionChange.Kind.LOGON, 3),
        new SessionChange(SessionChange.Kind.REMOTE_CONNECT, 7), new SessionChange(SessionChange.Kind.LOGOFF, 3),
        new SessionChange(SessionChange.Kind.UNKNOWN, 3));

    scm.handler.control(Winsvc.SERVICE_CONTROL_STOP, 0, -1);
    assertThat(run.get(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aRefusalStopsWithItsCodeAndIsNotRestarted() {
    FakeScm scm = new FakeScm(true);
    assertThat(host(scm, () -> 78).run()).isTrue();

    assertThat(scm.states()).containsExactly(State.START_PENDING, State.RUNNING, State.STOPPED);
    assertThat(scm.last()).isEqualTo(new ServiceStatus(State.STOPPED, 0, 1066, 78, 0, 0));
    assertThat(crashedWith).hasValue(-1);
  }

  @Test
  void aFailureEndsTheProcessWithoutStoppedSoTheFailureActionsRestartIt() {
    FakeScm scm = new FakeScm(true);
    host(scm, () -> {
      throw new IllegalStateException("spool folder vanished");
    }).run();
    assertThat(crashedWith).hasValue(1);
    assertThat(scm.states()).containsExactly(State.START_PENDING, State.RUNNING);

    FakeScm again = new FakeScm(true);
    crashedWith.set(-1);
    host(again, () -> 1).run();
    assertThat(crashedWith).hasValue(1);
    assertThat(again.states()).doesNotContain(State.STOPPED);
  }

  @Test
  void aProcessNotStartedByTheServiceControlManagerIsToldSo() {
    FakeScm scm = new FakeScm(false);
    assertThat(host(scm, () -> 0).run()).isFalse();
    assertThat(scm.statuses).isEmpty();
    assertThat(ticker.isShutdown()).isTrue();
  }
}
