package io.farmwatch.agent.platform.windows.helper;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.helper.SessionCodec;
import io.farmwatch.agent.helper.SessionLimits;
import io.farmwatch.agent.helper.SessionMessage;
import io.farmwatch.agent.helper.SessionMinute;
import io.farmwatch.agent.helper.service.HelperState;
import io.farmwatch.agent.helper.service.PeerIdentity;
import io.farmwatch.agent.helper.service.SessionConversation;
import io.farmwatch.agent.helper.service.SessionGate;
import io.farmwatch.agent.helper.service.SessionIntake;
import io.farmwatch.agent.platform.windows.service.SessionChange;
import io.farmwatch.agent.platform.windows.service.SessionChange.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service's session pipes against fake Windows calls (no sessions or pipes here), with the
 * shared helper conversation, gate and intake for real.
 */
class WindowsSessionPipesTest {

  static final String ALICE_SID = "S-1-5-21-1004336348-1177238915-682003330-1001";
  static final String BOB_SID = "S-1-5-21-1004336348-1177238915-682003330-1002";

  /** A client connecting: who its token says it is, and the lines it sends. */
  record Client(PeerIdentity peer, byte[] sends) {}

  static final class FakeEnd implements WindowsSessionPipes.ServerEnd {
    final String sid;
    final BlockingQueue<Client> clients = new LinkedBlockingQueue<>();
    final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    volatile boolean closed;
    private volatile Client current;
    private ByteArrayOutputStream written = new ByteArrayOutputStream();

    FakeEnd(String sid) {
      this.sid = sid;
    }

    @Override
    public PeerIdentity accept() throws IOException {
      try {
        Client c;
        while ((c = clients.poll(20, TimeUnit.MILLISECONDS)) == null) {
          if (closed) {
            throw new IOException("closed");
          }
        }
        current = c;
        written = new ByteArrayOutputStream();
        return c.peer();
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
    }

    @Override
    public InputStream in() {
      return new ByteArrayInputStream(current.sends());
    }

    @Override
    public OutputStream out() {
      return written;
    }

    @Override
    public void disconnect() {
      answers.add(written.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  static final class FakeCalls implements WindowsSessionPipes.PipeCalls {
    final Map<Integer, WindowsSessionPipes.SessionUser> users = new ConcurrentHashMap<>();
    final List<FakeEnd> created = new CopyOnWriteArrayList<>();

    @Override
    public List<Integer> loggedOnSessions() {
      return List.copyOf(users.keySet());
    }

    @Override
    public WindowsSessionPipes.SessionUser userOf(int sessionId) {
      return users.get(sessionId);
    }

    @Override
    public WindowsSessionPipes.ServerEnd create(int sessionId, String userSid) {
      FakeEnd end = new FakeEnd(userSid);
      created.add(end);
      return end;
    }
  }

  private final Clock clock = Clock.systemUTC();
  private final FakeCalls calls = new FakeCalls();
  private final OpenSessions sessions = new OpenSessions();
  private final SessionIntake intake = new SessionIntake(() -> null, clock, 60, states -> {});
  private final SessionConversation conversation = new SessionConversation(new SessionGate(sessions), intake, clock);
  private final WindowsSessionPipes pipes = new WindowsSessionPipes(calls, sessions, conversation::serve);

  @AfterEach
  void close() {
    pipes.close();
  }

  private byte[] message(String... layouts) {
    long minute = Math.floorDiv(clock.millis(), 60_000L);
    return SessionCodec.line(new SessionMessage(SessionLimits.VERSION, "windows-hooks",
        List.of(new SessionMinute(minute, 0b1011L, 4, 2, 3)), List.of(layouts), List.of("ko-KR IME"), null));
  }

  @Test
  void aLogonOpensAPipeForThatSessionsUserWhoseHelperIsHeard() throws Exception {
    calls.users.put(2, new WindowsSessionPipes.SessionUser("CORP\\alice", ALICE_SID));
    pipes.sessionChanged(new SessionChange(Kind.LOGON, 2));

    assertThat(calls.created).singleElement().extracting(e -> e.sid).isEqualTo(ALICE_SID);
    FakeEnd end = calls.created.get(0);
    // The token says corp\Alice: Windows account names are case-insensitive.
    end.clients.add(new Client(new PeerIdentity("corp\\Alice", null), message("ko-KR", "en-US")));

    assertThat(end.answers.poll(5, TimeUnit.SECONDS)).contains("\"accepted\"");
    HelperState state = intake.latest().orElseThrow();
    assertThat(state.user()).isEqualTo("corp\\Alice");
    assertThat(state.keyboardLayouts()).containsExactly("ko-KR", "en-US");

    // Logged off: what her helper said no longer describes this machine, grace period or not.
    pipes.sessionChanged(new SessionChange(Kind.LOGOFF, 2));
    assertThat(intake.latest()).isEmpty();
  }

  @Test
  void someoneWithoutASessionIsRefusedAndAfterLogoffSoIsTheUser() throws Exception {
    calls.users.put(2, new WindowsSessionPipes.SessionUser("CORP\\alice", ALICE_SID));
    pipes.sessionChanged(new SessionChange(Kind.LOGON, 2));
    FakeEnd end = calls.created.get(0);

    end.clients.add(new Client(new PeerIdentity("CORP\\bob", null), message("en-US")));
    assertThat(end.answers.poll(5, TimeUnit.SECONDS)).contains("not_session_user");

    pipes.sessionChanged(new SessionChange(Kind.LOGOFF, 2));
    assertThat(end.closed).isTrue();
    assertThat(sessions.hasGraphicalSession("CORP\\alice")).isFalse();
  }

  @Test
  void sessionsLoggedOnBeforeTheServiceStartedGetTheirPipesAndEmptyOnesNone() {
    calls.users.put(1, new WindowsSessionPipes.SessionUser("CORP\\alice", ALICE_SID));
    calls.users.put(3, new WindowsSessionPipes.SessionUser("CORP\\bob", BOB_SID));
    pipes.openLoggedOn();
    assertThat(calls.created).extracting(e -> e.sid).containsExactlyInAnyOrder(ALICE_SID, BOB_SID);
    assertThat(sessions.hasGraphicalSession("corp\\BOB")).isTrue();

    pipes.sessionChanged(new SessionChange(Kind.LOGON, 7)); // nobody on session 7 (a login screen)
    pipes.sessionChanged(new SessionChange(Kind.LOCK, 1));
    assertThat(calls.created).hasSize(2);
  }

  @Test
  void aSecondLogonOfASessionReplacesItsPipe() {
    calls.users.put(2, new WindowsSessionPipes.SessionUser("CORP\\alice", ALICE_SID));
    pipes.sessionChanged(new SessionChange(Kind.LOGON, 2));
    calls.users.put(2, new WindowsSessionPipes.SessionUser("CORP\\bob", BOB_SID));
    pipes.sessionChanged(new SessionChange(Kind.LOGON, 2));

    assertThat(calls.created).hasSize(2);
    assertThat(calls.created.get(0).closed).isTrue();
    assertThat(calls.created.get(1).closed).isFalse();
    assertThat(sessions.hasGraphicalSession("CORP\\alice")).isFalse();
    assertThat(sessions.hasGraphicalSession("CORP\\bob")).isTrue();
  }
}
