package io.farmwatch.agent.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.helper.SessionChannel;
import io.farmwatch.agent.helper.SessionHelper;
import io.farmwatch.agent.helper.service.HelperState;
import io.farmwatch.agent.helper.service.PeerIdentity;
import io.farmwatch.agent.helper.service.SessionConversation;
import io.farmwatch.agent.helper.service.SessionGate;
import io.farmwatch.agent.helper.service.SessionIntake;
import io.farmwatch.agent.input.series.ActivityRecorder;
import io.farmwatch.agent.retry.Backoff;
import io.farmwatch.agent.testing.RecordedCommands;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session helper on macOS: the platform-neutral {@link SessionHelper} with the macOS input source
 * and locale probe, as the {@code session} command assembles it from the platform, talking to the
 * service's real conversation over a real Unix socket. Run as the session's user (the LaunchAgent
 * does that), {@code defaults read com.apple.HIToolbox AppleEnabledInputSources} lists that user's
 * layouts and input methods, not root's as in the service; here they come from the recording.
 * CoreGraphics does not exist here, so the helper tells the service its input timing is unavailable
 * and why, as it would on a Mac where CoreGraphics fails.
 */
class MacSessionHelperTest {

  @TempDir Path dir;

  @Test
  void sendsTheSessionUsersInputSourcesAndWhyTimingIsUnavailable() throws Exception {
    Path socket = dir.resolve("session.sock");
    SessionIntake intake = new SessionIntake(() -> new ActivityRecorder(60), Clock.systemUTC(), 60,
        states -> {});
    SessionConversation service = new SessionConversation(new SessionGate(user -> user.equals("alice")), intake,
        Clock.systemUTC());
    var commands = new RecordedCommands(Map.of(
        List.of("defaults", "read", "com.apple.HIToolbox", "AppleEnabledInputSources"), "mac/input-sources.txt"));
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Thread serving = daemon(() -> {
        try (SocketChannel peer = server.accept()) {
          // The peer's user is what the OS vouches for (getpeereid on macOS); here the test names it.
          service.serve(new PeerIdentity("alice", "staff"), Channels.newInputStream(peer),
              Channels.newOutputStream(peer));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      var locale = MacPlatform.locale(commands);
      SessionHelper helper = new SessionHelper(MacPlatform.inputSource(), () -> {
        SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        return SessionChannel.open(Channels.newInputStream(ch), Channels.newOutputStream(ch), ch);
      }, () -> locale.collect().value(), Clock.systemUTC(),
          new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), new Random(1)));
      Thread helping = daemon(() -> {
        try {
          helper.run();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });

      // JNA looks for CoreGraphics along the whole class path before it gives up: a few seconds here.
      Optional<HelperState> heard = Optional.empty();
      for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); heard.isEmpty() && System.nanoTime() < until; ) {
        Thread.sleep(20);
        heard = intake.latest();
      }
      helper.close();
      helping.join(3000);
      serving.join(3000);
      assertThat(heard).hasValueSatisfying(h -> {
        assertThat(h.user()).isEqualTo("alice");
        assertThat(h.source()).isEqualTo("macos-cgeventsource");
        assertThat(h.keyboardLayouts()).containsExactlyElementsOf(
            MacInputSources.parse(RecordedCommands.read("mac/input-sources.txt")).layouts());
        assertThat(h.inputMethods()).contains("com.apple.inputmethod.Korean.2SetKorean");
        assertThat(h.unavailable()).startsWith("CoreGraphics is not available");
      });
    }
  }

  private static Thread daemon(Runnable body) {
    Thread t = new Thread(body);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
