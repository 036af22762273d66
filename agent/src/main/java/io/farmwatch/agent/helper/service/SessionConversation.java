package io.farmwatch.agent.helper.service;

import io.farmwatch.agent.helper.SessionAnswer;
import io.farmwatch.agent.helper.SessionCodec;
import io.farmwatch.agent.helper.SessionLineReader;
import io.farmwatch.agent.helper.SessionRefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's side of one helper connection over any byte stream, whatever the transport: admit
 * the peer or refuse it, then read bounded lines within the connection's budget until the helper
 * goes away or breaks a rule; a refusal is written as a typed answer before the caller closes.
 */
public final class SessionConversation {

  private static final Logger LOG = LoggerFactory.getLogger(SessionConversation.class);

  private final SessionGate gate;
  private final SessionIntake intake;
  private final Clock clock;

  public SessionConversation(SessionGate gate, SessionIntake intake, Clock clock) {
    this.gate = gate;
    this.intake = intake;
    this.clock = clock;
  }

  /**
   * Serves one connection until it ends. The caller closes the connection afterwards.
   *
   * @return the refusal that ended it, or empty when the helper closed it
   */
  public Optional<SessionRefusedException> serve(PeerIdentity peer, InputStream in, OutputStream out)
      throws IOException {
    SessionGate.Admission admission;
    try {
      admission = gate.admit(peer);
    } catch (SessionRefusedException e) {
      return refuse(peer, out, e);
    }
    try (admission) {
      intake.joined(admission);
      // The intake hears of the end before the gate frees the user's place for a new connection.
      try {
        out.write(SessionCodec.line(SessionAnswer.accepted()));
        out.flush();
        LOG.info("session helper of {} connected", admission.user());
        SessionLineReader lines = new SessionLineReader(in);
        MessageBudget budget = new MessageBudget(clock.millis());
        for (byte[] line = lines.next(); line != null; line = lines.next()) {
          budget.spend(clock.millis());
          intake.accept(admission.user(), SessionCodec.message(line));
        }
        LOG.info("session helper of {} disconnected", admission.user());
        return Optional.empty();
      } catch (SessionRefusedException e) {
        return refuse(peer, out, e);
      } finally {
        intake.left(admission.user());
      }
    }
  }

  private static Optional<SessionRefusedException> refuse(PeerIdentity peer, OutputStream out,
      SessionRefusedException e) throws IOException {
    LOG.warn("refused a session helper connection of {}: {}", peer == null ? "an unknown user" : peer.user(),
        e.getMessage());
    out.write(SessionCodec.line(SessionAnswer.refused(e)));
    out.flush();
    return Optional.of(e);
  }
}
