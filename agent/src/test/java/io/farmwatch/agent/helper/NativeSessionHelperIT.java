package io.farmwatch.agent.helper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.farmwatch.protocol.ProtocolJson;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native session helper (src/main/c/farmwatch-session, built here with AddressSanitizer and
 * UBSan) against a service played by this test on a real Unix socket: every line it sends must be
 * one the service's {@link SessionCodec} and {@link SessionLimits} accept, it must read every
 * answer as the Java helper reads it, and no hostile answer may crash it.
 */
class NativeSessionHelperIT {

  static final Path SOURCES = Path.of("src/main/c/farmwatch-session").toAbsolutePath();
  static final Path OUT = Path.of("target/native").toAbsolutePath();
  static final Path HELPER = OUT.resolve("farmwatch-session-sanitized");
  static final String ACCEPTED = "{\"status\":\"accepted\"}\n";
  /** A sanitizer finding ends the helper with these codes and a report on stderr. */
  static final Map<String, String> SANITIZERS = Map.of(
      "ASAN_OPTIONS", "exitcode=86:detect_leaks=0:abort_on_error=0",
      "UBSAN_OPTIONS", "exitcode=87:print_stacktrace=1:halt_on_error=1");

  static Process xvfb;
  static String display;

  @TempDir Path tmp;
  final List<Process> processes = new ArrayList<>();

  @BeforeAll
  static void buildAndStartAnXServer() throws Exception {
    assumeTrue(onPath("gcc") && onPath("make") && Files.exists(Path.of("/usr/include/X11/extensions/XInput2.h")),
        "gcc, make, libx11-dev and libxi-dev build the helper (scripts/test-packages.txt)");
    Process make = new ProcessBuilder("make", "-s", "-C", SOURCES.toString(), "OUT=" + OUT, "sanitized")
        .redirectErrorStream(true).start();
    String out = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(make.waitFor()).as(out).isZero();
    assumeTrue(onPath("Xvfb") && onPath("xdotool"), "Xvfb and xdotool drive an X session");
    xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "640x480x24", "-nolisten", "tcp")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    display = ":" + new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII))
        .readLine().strip();
  }

  @AfterAll
  static void stopTheXServer() throws Exception {
    if (xvfb != null) {
      xvfb.destroy();
      xvfb.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @AfterEach
  void stopHelpers() throws Exception {
    for (Process p : processes) {
      p.destroyForcibly().waitFor();
    }
  }

  static boolean onPath(String tool) {
    return Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/bin", tool));
  }

  /** The helper with only the given environment (and the sanitizers' settings); stderr to a file. */
  Process helper(Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(HELPER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(tmp.resolve("helper.err").toFile())
        .redirectOutput(tmp.resolve("helper.out").toFile());
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/bin:/bin");
    pb.environment().putAll(SANITIZERS);
    pb.environment().putAll(env);
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  String stderr() throws IOException {
    return Files.readString(tmp.resolve("helper.err"));
  }

  ServerSocketChannel listen() throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(tmp.resolve("session.sock")));
    server.configureBlocking(false);
    return server;
  }

  String socket() {
    return tmp.resolve("session.sock").toString();
  }

  static SocketChannel accept(ServerSocketChannel server, Duration within) throws Exception {
    long until = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < until) {
      SocketChannel c = server.accept();
      if (c != null) {
        c.configureBlocking(false);
        return c;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no helper connected within " + within);
  }

  static void write(SocketChannel c, byte[] bytes) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      if (c.write(b) == 0) {
        Thread.sleep(5);
      }
    }
  }

  /** The next line the helper writes (newline excluded). */
  static byte[] readLine(SocketChannel c, Duration within) throws Exception {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    ByteBuffer one = ByteBuffer.allocate(1);
    long until = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < until && line.size() <= SessionLimits.MAX_MESSAGE_BYTES) {
      one.clear();
      int n = c.read(one);
      if (n < 0) {
        break;
      }
      if (n == 0) {
        Thread.sleep(10);
      } else if (one.get(0) == '\n') {
        return line.toByteArray();
      } else {
        line.write(one.get(0));
      }
    }
    throw new AssertionError("no line from the helper within " + within + ": " + line);
  }

  /** What the service does with a line: decode it and check it against the limits. */
  static SessionMessage asTheServiceReadsIt(byte[] line) throws SessionRefusedException {
    assertThat(line.length + 1).isLessThanOrEqualTo(SessionLimits.MAX_MESSAGE_BYTES);
    SessionMessage m = SessionCodec.message(line);
    SessionLimits.check(m, Math.floorDiv(System.currentTimeMillis(), 60_000L), 60);
    return m;
  }

  static void waitFor(Process p, int exit) throws Exception {
    assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("the helper ends").isTrue();
    assertThat(p.exitValue()).isEqualTo(exit);
  }

  @Test
  void injectedInputIsCountedInMessagesTheServiceAccepts() throws Exception {
    try (ServerSocketChannel server = listen()) {
      Process p = helper(Map.of("DISPLAY", display), "--socket", socket());
      SocketChannel c = accept(server, Duration.ofSeconds(10));
      write(c, ACCEPTED.getBytes(StandardCharsets.US_ASCII));
      // Its XInput2 selection was made before it connected.
      ProcessBuilder xdotool = new ProcessBuilder("xdotool", "key", "a", "b", "c", "mousemove", "200", "150",
          "click", "1").redirectErrorStream(true);
      xdotool.environment().put("DISPLAY", display);
      assertThat(xdotool.start().waitFor()).isZero();
      SessionMessage m = asTheServiceReadsIt(readLine(c, Duration.ofSeconds(10)));

      assertThat(m.source()).isEqualTo("x11-xinput2");
      assertThat(m.unavailable()).isNull();
      assertThat(m.keyboardLayouts()).as("Xvfb's _XKB_RULES_NAMES").containsExactly("us");
      assertThat(m.minutes()).isNotEmpty();
      int events = m.minutes().stream().mapToInt(x -> x.keyEvents() + x.pointerEvents()).sum();
      assertThat(events).isPositive();
      assertThat(m.minutes().stream().mapToInt(SessionMinute::keyEvents).sum()).isLessThanOrEqualTo(3);
      assertThat(m.minutes().stream().mapToInt(SessionMinute::injectedEvents).sum())
          .as("xdotool injects through XTEST").isEqualTo(events);
      assertThat(m.minutes()).allSatisfy(x -> assertThat(x.activeSecondsMask()).isNotZero());
      p.destroy();
      waitFor(p, 0);
    }
  }

  @Test
  void waylandWithoutXIsToldToTheServiceOnceAndItStops() throws Exception {
    try (ServerSocketChannel server = listen()) {
      Process p = helper(Map.of("WAYLAND_DISPLAY", "wayland-0"), "--socket", socket());
      SocketChannel c = accept(server, Duration.ofSeconds(10));
      write(c, ACCEPTED.getBytes(StandardCharsets.US_ASCII));
      SessionMessage m = asTheServiceReadsIt(readLine(c, Duration.ofSeconds(10)));

      assertThat(m.source()).isEqualTo("none");
      assertThat(m.minutes()).isEmpty();
      assertThat(m.unavailable()).startsWith("wayland: the compositor gives no client the session's input");
      waitFor(p, 0);
      assertThat(stderr()).contains("unavailable: wayland: ");
    }
  }

  @Test
  void theXServerGoingAwayEndsItWithoutAFailure() throws Exception {
    Process ownServer = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "640x480x24", "-nolisten", "tcp")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    processes.add(ownServer);
    String own = ":" + new BufferedReader(new InputStreamReader(ownServer.getInputStream(), StandardCharsets.US_ASCII))
        .readLine().strip();
    // Nobody listens: it samples and backs off, as after a logout that took the service down first.
    Process p = helper(Map.of("DISPLAY", own), "--socket", socket());
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!stderr().contains("cannot reach the service") && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    ownServer.destroy();
    waitFor(p, 0);
    assertThat(stderr()).contains("the X server went away; stopping");
  }

  /** The first answer and the --check exit code and output it makes, as `farmwatch-agent session --check` gives them. */
  Process check(ServerSocketChannel server, String answer) throws Exception {
    return check(server, answer.getBytes(StandardCharsets.UTF_8));
  }

  Process check(ServerSocketChannel server, byte[] answer) throws Exception {
    Process p = helper(Map.of(), "--check", "--socket", socket());
    SocketChannel c = accept(server, Duration.ofSeconds(10));
    try {
      write(c, answer);
    } catch (IOException e) {
      // It may close once it read enough of a line to refuse it.
    }
    c.close();
    assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
    return p;
  }

  @Test
  void refusalsAreTypedAndEndInTheJavaHelpersExitCodes() throws Exception {
    try (ServerSocketChannel server = listen()) {
      Process accepted = check(server, ACCEPTED);
      assertThat(accepted.exitValue()).isZero();
      assertThat(Files.readString(tmp.resolve("helper.out"))).isEqualTo("accepted: the service takes this session's counts\n");

      Process refused = check(server, "{\"status\":\"refused\",\"code\":\"not_session_user\","
          + "\"message\":\"user nobody has no graphical session on this machine\"}\n");
      assertThat(refused.exitValue()).isEqualTo(77);
      assertThat(stderr()).isEqualTo("refused: not_session_user: user nobody has no graphical session on this machine\n");

      Process tooLong = check(server, "{\"status\":\"" + "x".repeat(SessionLimits.MAX_MESSAGE_BYTES) + "\"}\n");
      assertThat(tooLong.exitValue()).isEqualTo(77);
      assertThat(stderr()).startsWith("refused: too_large: ");

      Process silent = check(server, "");
      assertThat(silent.exitValue()).isEqualTo(1);
      assertThat(stderr()).startsWith("cannot reach the service: the service closed the connection without an answer");

      // The helper itself: a second helper of the user stops, exit 0.
      Process second = helper(Map.of("DISPLAY", display), "--socket", socket());
      write(accept(server, Duration.ofSeconds(10)), ("{\"status\":\"refused\",\"code\":\"already_connected\","
          + "\"message\":\"a session helper of fwsession is connected\"}\n").getBytes(StandardCharsets.US_ASCII));
      waitFor(second, 0);
      assertThat(stderr()).contains("stopped: already_connected: a session helper of fwsession is connected");
    }
    Process nobodyListens = helper(Map.of(), "--check", "--socket", socket());
    waitFor(nobodyListens, 1);
    assertThat(stderr()).startsWith("cannot reach the service: " + socket() + ": ");
  }

  @Test
  void aRefusalBacksOffAndLinesAfterAcceptingAndALostServiceAreSurvived() throws Exception {
    try (ServerSocketChannel server = listen()) {
      Process p = helper(Map.of("DISPLAY", display), "--socket", socket());
      SocketChannel first = accept(server, Duration.ofSeconds(10));
      long refusedAt = System.nanoTime();
      write(first, "{\"status\":\"refused\",\"code\":\"busy\",\"message\":\"16 helpers\"}\n".getBytes(StandardCharsets.US_ASCII));
      first.close();
      SocketChannel second = accept(server, Duration.ofSeconds(10));
      assertThat(Duration.ofNanos(System.nanoTime() - refusedAt)).as("the first backoff: 1 to 2 s")
          .isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
      write(second, ACCEPTED.getBytes(StandardCharsets.US_ASCII));
      Random random = new Random(20);
      byte[] garbage = new byte[64 * 1024];
      random.nextBytes(garbage);
      write(second, garbage);
      write(second, "\n{\"status\":\"refused\",\"code\":\"too_many_messages\",\"message\":\"3 in a minute\"}\n"
          .getBytes(StandardCharsets.US_ASCII));
      long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!stderr().contains("too_many_messages") && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      assertThat(p.isAlive()).as(stderr()).isTrue();
      assertThat(stderr()).contains("the service refused a message: too_many_messages: 3 in a minute");
      second.close();
      SocketChannel third = accept(server, Duration.ofSeconds(5));
      write(third, ACCEPTED.getBytes(StandardCharsets.US_ASCII));
      assertThat(stderr()).contains("lost the service (the service closed the connection); reconnecting");
      p.destroy();
      waitFor(p, 0);
    }
  }

  /**
   * Answers Jackson writes (so valid JSON) with random fields: the helper must read each exactly as
   * SessionCodec and SessionAnswer do, accepted or refused with the same code.
   */
  @Test
  void readsEveryAnswerAsTheJavaHelperDoes() throws Exception {
    Random random = new Random(2026);
    List<String> codes = new ArrayList<>(java.util.Arrays.stream(Refusal.values()).map(Refusal::code).toList());
    codes.addAll(List.of("", "ACCEPTED", "future_code", "busy "));
    try (ServerSocketChannel server = listen()) {
      for (int i = 0; i < 40; i++) {
        ObjectNode answer = ProtocolJson.mapper().createObjectNode();
        if (random.nextInt(4) > 0) {
          answer.put("status", random.nextBoolean() ? "accepted" : random.nextBoolean() ? "refused" : text(random, 12));
        }
        if (random.nextBoolean()) {
          answer.put("code", codes.get(random.nextInt(codes.size())));
        }
        if (random.nextBoolean()) {
          answer.put("message", text(random, 600));
        }
        if (random.nextBoolean()) {
          answer.putArray("extra").add(random.nextLong()).addObject().put("nested", text(random, 20));
        }
        byte[] line = ProtocolJson.mapper().writeValueAsBytes(answer);
        String expected;
        try {
          if (line.length >= SessionLimits.MAX_MESSAGE_BYTES) {
            throw new SessionRefusedException(Refusal.TOO_LARGE, "as SessionLineReader reads it");
          }
          SessionCodec.answer(line).throwIfRefused();
          expected = "accepted";
        } catch (SessionRefusedException e) {
          expected = "refused: " + e.refusal().code() + ": ";
        }
        Process p = check(server, new String(line, StandardCharsets.UTF_8) + "\n");
        String said = p.exitValue() == 0 ? "accepted" : stderr();
        assertThat(said).as(new String(line, StandardCharsets.UTF_8)).startsWith(expected);
        assertThat(p.exitValue()).isEqualTo(expected.equals("accepted") ? 0 : 77);
      }
    }
  }

  /** Any UTF-16 text: ASCII, control characters, quotes, backslashes, non-ASCII, surrogate pairs. */
  static String text(Random random, int maxChars) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(maxChars + 1);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(5)) {
        case 0 -> b.append((char) random.nextInt(0x20));
        case 1 -> b.append("\"\\/".charAt(random.nextInt(3)));
        case 2 -> b.appendCodePoint(0x80 + random.nextInt(0x10000 - 0x80 - 0x800));
        case 3 -> b.appendCodePoint(0x1F600 + random.nextInt(50));
        default -> b.append((char) (0x20 + random.nextInt(0x5f)));
      }
    }
    return b.toString();
  }

  /** Bytes no service should send: the helper must end with one of its exit codes, never a crash. */
  @Test
  void hostileAnswersNeverCrashIt() throws Exception {
    Random random = new Random(4711);
    List<byte[]> answers = new ArrayList<>(List.of(
        "null\n".getBytes(StandardCharsets.US_ASCII), "[]\n".getBytes(StandardCharsets.US_ASCII),
        "\"accepted\"\n".getBytes(StandardCharsets.US_ASCII), "\n".getBytes(StandardCharsets.US_ASCII),
        "{\"status\":\"accepted\"} {}\n".getBytes(StandardCharsets.US_ASCII),
        "{\"status\":\"accepted\"".getBytes(StandardCharsets.US_ASCII),
        "{\"status\":\"acc\\u0065pted\"}\n".getBytes(StandardCharsets.US_ASCII),
        "{\"status\":\"\\u12\"}\n".getBytes(StandardCharsets.US_ASCII),
        "{\"status\":\"\\".getBytes(StandardCharsets.US_ASCII),
        ("{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}\n").getBytes(StandardCharsets.US_ASCII),
        ("{\"a\":" + "{\"b\":".repeat(1000) + "1" + "}".repeat(1001) + "\n").getBytes(StandardCharsets.US_ASCII),
        ("{\"code\":\"" + "\\u0000".repeat(600) + "\"}\n").getBytes(StandardCharsets.US_ASCII),
        ("{\"message\":\"" + "x".repeat(4080) + "\"}\n").getBytes(StandardCharsets.US_ASCII),
        ("{\"n\":-0.5e+" + "9".repeat(3000) + "}\n").getBytes(StandardCharsets.US_ASCII)));
    for (int i = 0; i < 40; i++) {
      byte[] junk = new byte[random.nextInt(i % 4 == 0 ? 9000 : 300)];
      random.nextBytes(junk);
      if (i % 3 == 0 && junk.length > 0) {
        junk[junk.length - 1] = '\n';
      }
      answers.add(junk);
    }
    try (ServerSocketChannel server = listen()) {
      for (byte[] answer : answers) {
        Process p = check(server, answer);
        String said = stderr();
        assertThat(p.exitValue()).as(said).isIn(0, 1, 77);
        assertThat(said).doesNotContain("Sanitizer", "runtime error");
        if (p.exitValue() == 77) {
          assertThat(said).matches("(?s)refused: (malformed|too_large|[a-z_]+): [ -~]*\n");
        }
      }
    }
  }
}
