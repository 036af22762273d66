package io.farmwatch.agent.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.input.source.InputEvent;
import io.farmwatch.agent.input.source.SourceUnavailableException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real X server (Xvfb) driven by xdotool, which injects through XTEST: the sampler must see it all, as synthetic. */
class X11InputSourceTest {

  Process xvfb;
  String display;

  @BeforeEach
  void startXvfb() throws Exception {
    xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1024x768x24", "-nolisten", "tcp")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII));
    display = ":" + out.readLine().strip();
  }

  @AfterEach
  void stopXvfb() throws Exception {
    xvfb.destroy();
    xvfb.waitFor();
  }

  void xdotool(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("xdotool"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("DISPLAY", display);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isZero();
  }

  @Test
  void seesInjectedPointerAndKeyEventsAsSyntheticWithTheirTiming() throws Exception {
    List<InputEvent> events = new CopyOnWriteArrayList<>();
    try (X11InputSource source = new X11InputSource(display)) {
      source.start(events::add);
      Thread.sleep(300);
      long before = System.currentTimeMillis();
      xdotool("mousemove_relative", "--", "10", "10");
      xdotool("mousemove_relative", "--", "-20", "5");
      xdotool("click", "1");
      Thread.sleep(1200);
      long keysFrom = System.currentTimeMillis();
      xdotool("key", "a", "b", "c");
      long after = System.currentTimeMillis();
      Thread.sleep(500);

      assertThat(events).isNotEmpty();
      assertThat(events).allSatisfy(e -> {
        assertThat(e.synthetic()).as("xdotool injects through XTEST").isTrue();
        assertThat(e.epochMillis()).isBetween(before - 50, after + 600);
      });
      List<InputEvent> keys = events.stream().filter(e -> e.kind() == InputEvent.Kind.KEY).toList();
      assertThat(keys).hasSize(3);
      assertThat(keys).allSatisfy(k -> assertThat(k.epochMillis()).isGreaterThanOrEqualTo(keysFrom - 50));
      assertThat(events.stream().filter(e -> e.kind() == InputEvent.Kind.POINTER).count()).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void aMissingDisplayIsAReasonNotACrash() {
    try (X11InputSource source = new X11InputSource(":987")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.start(e -> { }))
          .isInstanceOf(SourceUnavailableException.class).hasMessageContaining(":987");
    }
  }
}
