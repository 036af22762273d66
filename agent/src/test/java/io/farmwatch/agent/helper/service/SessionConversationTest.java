package io.farmwatch.agent.helper.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.farmwatch.agent.helper.Refusal;
import io.farmwatch.agent.helper.SessionChannel;
import io.farmwatch.agent.helper.SessionCodec;
import io.farmwatch.agent.helper.SessionLimits;
import io.farmwatch.agent.helper.SessionMessage;
import io.farmwatch.agent.helper.SessionMinute;
import io.farmwatch.agent.helper.SessionRefusedException;
import io.farmwatch.agent.input.series.ActivityRecorder;
import io.farmwatch.protocol.report.InputActivity;
import io.farmwatch.protocol.report.InputMinute;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionConversationTest {

  static final long NOW_MINUTE = 29_000_000L;
  final Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW_MINUTE * 60 + 30), ZoneOffset.UTC);
  final ActivityRecorder recorder = new ActivityRecorder(60);
  final SessionGate gate = new SessionGate(Set.of("alice", "bob")::contains, 2);
  final SessionIntake intake = new SessionIntake(() -> recorder, clock, 60, states -> {});
  final SessionConversation conversation = new SessionConversation(gate, intake, clock);

  static SessionMessage message(SessionMinute... minutes) {
    return new SessionMessage(SessionLimits.VERSION, "x11-xinput2", List.of(minutes), List.of("us", "de"),
        List.of("ibus:hangul"), null);
  }

  static SessionMinute minute(long epochMinute, int keys, int pointer, int injected) {
    return new SessionMinute(epochMinute, 0b111L, keys, pointer, injected);
  }

  static byte[] lines(Object... messages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object m : messages) {
      out.writeBytes(m instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : SessionCodec.line(m));
    }
    return out.toByteArray();
  }

  record Served(Optional<SessionRefusedException> refusal, List<String> answers) {}

  Served serve(String user, byte[] input) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Optional<SessionRefusedException> refusal =
        conversation.serve(new PeerIdentity(user, user), new ByteArrayInputStream(input), out);
    return new Served(refusal, out.toString(StandardCharsets.UTF_8).lines().toList());
  }

  InputMinute seriesMinute(long epochMinute) {
    InputActivity a = recorder.series("x11-xinput2", clock.instant());
    return a.minutes().get((int) (epochMinute - (NOW_MINUTE - 59)));
  }

  @Test
  void mergesTheSessionUsersMinutesWithTheUser() throws IOException {
    Served s = serve("alice", lines(message(minute(NOW_MINUTE - 1, 3, 40, 43), minute(NOW_MINUTE, 1, 0, 0))));

    assertThat(s.refusal()).isEmpty();
    assertThat(s.answers()).containsExactly("{\"status\":\"accepted\"}");
    assertThat(seriesMinute(NOW_MINUTE - 1)).isEqualTo(new InputMinute(3, 3, 40, 43));
    assertThat(seriesMinute(NOW_MINUTE)).isEqualTo(new InputMinute(3, 1, 0, 0));
    assertThat(recorder.series("x11-xinput2", clock.instant()).sessionUser()).isEqualTo("alice");
    assertThat(intake.latest()).hasValueSatisfying(h -> {
      assertThat(h.user()).isEqualTo("alice");
      assertThat(h.keyboardLayouts()).containsExactly("us", "de");
      assertThat(h.inputMethods()).containsExactly("ibus:hangul");
    });
  }

  @Test
  void aMinuteSentAgainReplacesWhatItSentBefore() throws IOException {
    serve("alice", lines(message(minute(NOW_MINUTE, 1, 2, 0)), message(minute(NOW_MINUTE, 5, 9, 4))));

    assertThat(seriesMinute(NOW_MINUTE)).isEqualTo(new InputMinute(3, 5, 9, 4));
  }

  @Test
  void refusesAUserWithoutAGraphicalSessionWithATypedAnswerTheHelperReads() throws IOException {
    Served s = serve("mallory", lines(message(minute(NOW_MINUTE, 1, 1, 1))));

    assertThat(s.refusal()).hasValueSatisfying(e -> assertThat(e.refusal()).isEqualTo(Refusal.NOT_SESSION_USER));
    assertThat(recorder.hasSessionMinutes(clock.instant())).isFalse();
    byte[] answer = (s.answers().get(0) + "\n").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> SessionChannel.open(new ByteArrayInputStream(answer), OutputStream.nullOutputStream(), () -> {}))
        .isInstanceOfSatisfying(SessionRefusedException.class, e -> {
          assertThat(e.refusal()).isEqualTo(Refusal.NOT_SESSION_USER);
          assertThat(e.getMessage()).isEqualTo("not_session_user: user mallory has no graphical session on this machine");
        });
  }

  @Test
  void oneConnectionPerUserAndABoundOnAllOfThem() throws Exception {
    SessionGate.Admission alice = gate.admit(new PeerIdentity("alice", null));
    assertThatThrownBy(() -> gate.admit(new PeerIdentity("alice", null)))
        .isInstanceOfSatisfying(SessionRefusedException.class,
            e -> assertThat(e.refusal()).isEqualTo(Refusal.ALREADY_CONNECTED));
    SessionGate.Admission bob = gate.admit(new PeerIdentity("bob", null));
    SessionGate full = new SessionGate(u -> true, 2);
    full.admit(new PeerIdentity("a", null));
    full.admit(new PeerIdentity("b", null));
    assertThatThrownBy(() -> full.admit(new PeerIdentity("c", null)))
        .isInstanceOfSatisfying(SessionRefusedException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.BUSY));

    alice.close();
    alice.close();
    assertThat(gate.admit(new PeerIdentity("alice", null)).user()).isEqualTo("alice");
    bob.close();
    assertThatThrownBy(() -> gate.admit(new PeerIdentity(null, null)))
        .isInstanceOfSatisfying(SessionRefusedException.class,
            e -> assertThat(e.refusal()).isEqualTo(Refusal.NOT_SESSION_USER));
  }

  @Test
  void theConnectionIsFreedWhenTheConversationEnds() throws Exception {
    serve("alice", lines(message()));
    serve("alice", lines(message()));

    assertThat(gate.admit(new PeerIdentity("alice", null)).user()).isEqualTo("alice");
  }

  @Test
  void aLineBeyondTheLimitIsRefusedAndNothingOfItKept() throws IOException {
    byte[] huge = new byte[SessionLimits.MAX_MESSAGE_BYTES + 10];
    Arrays.fill(huge, (byte) ' ');
    Served s = serve("alice", lines(message(minute(NOW_MINUTE - 2, 1, 0, 0)), new String(huge) + "\n"));

    assertThat(s.refusal()).hasValueSatisfying(e -> assertThat(e.refusal()).isEqualTo(Refusal.TOO_LARGE));
    assertThat(s.answers()).hasSize(2);
    assertThat(s.answers().get(1)).contains("\"code\":\"too_large\"");
    assertThat(seriesMinute(NOW_MINUTE - 2).keyEvents()).isEqualTo(1);
  }

  @Test
  void aLineOfExactlyTheLimitIsRead() throws IOException {
    String json = new String(SessionCodec.line(message(minute(NOW_MINUTE, 7, 0, 0))), StandardCharsets.UTF_8).strip();
    String padded = json + " ".repeat(SessionLimits.MAX_MESSAGE_BYTES - 1 - json.length()) + "\n";

    assertThat(serve("alice", lines(padded)).refusal()).isEmpty();
    assertThat(seriesMinute(NOW_MINUTE).keyEvents()).isEqualTo(7);
  }

  @Test
  void aThirdMessageWithinAMinuteIsRefused() throws IOException {
    Served s = serve("alice", lines(message(minute(NOW_MINUTE - 3, 1, 0, 0)), message(minute(NOW_MINUTE - 2, 1, 0, 0)),
        message(minute(NOW_MINUTE - 1, 1, 0, 0))));

    assertThat(s.refusal()).hasValueSatisfying(e -> assertThat(e.refusal()).isEqualTo(Refusal.TOO_MANY_MESSAGES));
    assertThat(seriesMinute(NOW_MINUTE - 2).keyEvents()).isEqualTo(1);
    assertThat(seriesMinute(NOW_MINUTE - 1).keyEvents()).isZero();
  }

  @Test
  void theBudgetRefillsAtTheAllowedRate() throws SessionRefusedException {
    MessageBudget budget = new MessageBudget(0);
    budget.spend(0);
    budget.spend(0);
    assertThatThrownBy(() -> budget.spend(29_000)).isInstanceOf(SessionRefusedException.class);
    budget.spend(31_000);
    budget.spend(61_000);
  }

  @Test
  void malformedAndOutOfBoundsMessagesAreRefusedTyped() throws IOException {
    List<Object[]> cases = new ArrayList<>();
    cases.add(new Object[] {"{\"version\":1,", Refusal.MALFORMED});
    cases.add(new Object[] {"null", Refusal.MALFORMED});
    cases.add(new Object[] {"{\"version\":1,\"source\":\"x\",\"minutes\":[{\"epochMinute\":1.5}]}", Refusal.MALFORMED});
    cases.add(new Object[] {SessionCodec.line(new SessionMessage(2, "x", List.of(), List.of(), List.of(), null)),
        Refusal.MALFORMED});
    cases.add(new Object[] {message(minute(NOW_MINUTE + 1, 1, 0, 0)), Refusal.OUT_OF_BOUNDS});
    cases.add(new Object[] {message(minute(NOW_MINUTE - 60, 1, 0, 0)), Refusal.OUT_OF_BOUNDS});
    cases.add(new Object[] {message(minute(NOW_MINUTE, 1, 1, 3)), Refusal.OUT_OF_BOUNDS});
    cases.add(new Object[] {message(minute(NOW_MINUTE, -1, 0, 0)), Refusal.OUT_OF_BOUNDS});
    cases.add(new Object[] {message(minute(NOW_MINUTE, SessionLimits.MAX_EVENTS_PER_MINUTE + 1, 0, 0)),
        Refusal.OUT_OF_BOUNDS});
    cases.add(new Object[] {message(minute(NOW_MINUTE, 1, 0, 0), minute(NOW_MINUTE - 1, 1, 0, 0)), Refusal.OUT_OF_BOUNDS});
    cases.add(new Object[] {message(new SessionMinute(NOW_MINUTE, 1L << 60, 1, 0, 0)), Refusal.OUT_OF_BOUNDS});
    cases.add(new Object[] {new SessionMessage(1, "x11\u0007", List.of(), List.of(), List.of(), null),
        Refusal.OUT_OF_BOUNDS});
    cases.add(new Object[] {new SessionMessage(1, null, List.of(), List.of(), List.of(), null), Refusal.OUT_OF_BOUNDS});
    cases.add(new Object[] {new SessionMessage(1, "x", List.of(), List.of("a", "b", "c", "d", "e", "f", "g", "h", "i"),
        List.of(), null), Refusal.OUT_OF_BOUNDS});
    for (Object[] c : cases) {
      Object m = c[0] instanceof String s ? s + "\n" : c[0];
      Served s = serve("bob", m instanceof byte[] b ? b : lines(m));
      assertThat(s.refusal()).as(String.valueOf(c[0]))
          .hasValueSatisfying(e -> assertThat(e.refusal()).isEqualTo(c[1]));
    }
    assertThat(recorder.hasSessionMinutes(clock.instant())).isFalse();
    assertThat(intake.latest()).isEmpty();
  }

  @Test
  void minutesAreDroppedWhileInputSamplingIsOff() throws IOException {
    SessionIntake off = new SessionIntake(() -> null, clock, 60, states -> {});
    new SessionConversation(new SessionGate(u -> true), off, clock)
        .serve(new PeerIdentity("alice", null), new ByteArrayInputStream(lines(message(minute(NOW_MINUTE, 1, 0, 0)))),
            new ByteArrayOutputStream());

    assertThat(recorder.hasSessionMinutes(clock.instant())).isFalse();
    assertThat(off.latest()).isPresent();
  }

  @Test
  void theLargestMessageWithinTheLimitsFitsOneLine() throws SessionRefusedException {
    List<SessionMinute> minutes = new ArrayList<>();
    for (int i = SessionLimits.MAX_MINUTES_PER_MESSAGE - 1; i >= 0; i--) {
      int max = SessionLimits.MAX_EVENTS_PER_MINUTE;
      minutes.add(new SessionMinute(NOW_MINUTE - i, (1L << 60) - 1, max, max, max));
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < SessionLimits.MAX_NAMES; i++) {
      names.add(("\u00e9" + i).repeat(SessionLimits.MAX_NAME_CHARS).substring(0, SessionLimits.MAX_NAME_CHARS));
    }
    SessionMessage largest = new SessionMessage(SessionLimits.VERSION, "s".repeat(SessionLimits.MAX_NAME_CHARS),
        minutes, names, names, "r".repeat(SessionLimits.MAX_REASON_CHARS));
    SessionLimits.check(largest, NOW_MINUTE, 60);

    assertThat(SessionCodec.line(largest).length).isLessThanOrEqualTo(SessionLimits.MAX_MESSAGE_BYTES);
  }
}
