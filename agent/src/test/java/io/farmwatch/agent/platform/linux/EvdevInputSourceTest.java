package io.farmwatch.agent.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.farmwatch.agent.input.source.InputEvent;
import io.farmwatch.agent.input.source.SourceUnavailableException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evdev source on recorded {@code input_event} streams: this build machine has no input devices
 * and no uinput module, so the kernel's event nodes are replaced by files holding the same bytes.
 */
class EvdevInputSourceTest {

  @TempDir Path root;

  static ByteBuffer events(long[][] rows) {
    ByteBuffer b = ByteBuffer.allocate(rows.length * EvdevDecoder.EVENT_SIZE).order(ByteOrder.nativeOrder());
    for (long[] r : rows) {
      b.putLong(r[0]).putLong(r[1]).putShort((short) r[2]).putShort((short) r[3]).putInt((int) r[4]);
    }
    return b.flip();
  }

  /** A keyboard typing "a" (press, repeat, release) and a mouse moving in two frames and clicking. */
  static final long[][] RECORDED = {
      {1764000000, 100_000, 1, 30, 1}, {1764000000, 100_000, 0, 0, 0},
      {1764000000, 350_000, 1, 30, 2}, {1764000000, 400_000, 1, 30, 0}, {1764000000, 400_000, 0, 0, 0},
      {1764000001, 0, 2, 0, 5}, {1764000001, 0, 2, 1, -3}, {1764000001, 0, 0, 0, 0},
      {1764000001, 8_000, 2, 0, 2}, {1764000001, 8_000, 0, 0, 0},
      {1764000002, 0, 1, 0x110, 1}, {1764000002, 0, 0, 0, 0}, {1764000002, 90_000, 1, 0x110, 0},
  };

  @Test
  void decodesPressesOnceAndMotionOncePerFrame() {
    List<InputEvent> out = new ArrayList<>();
    EvdevDecoder decoder = new EvdevDecoder(false, out::add);
    ByteBuffer all = events(RECORDED);
    // Split mid-event, as a read() may: the partial tail waits for the next call.
    ByteBuffer first = all.duplicate().limit(EvdevDecoder.EVENT_SIZE * 6 + 10);
    decoder.decode(first);
    ByteBuffer rest = ByteBuffer.allocate(all.limit() - EvdevDecoder.EVENT_SIZE * 6);
    rest.put(all.duplicate().position(EvdevDecoder.EVENT_SIZE * 6)).flip();
    decoder.decode(rest);
    assertThat(out).extracting(InputEvent::kind).containsExactly(
        InputEvent.Kind.KEY, InputEvent.Kind.POINTER, InputEvent.Kind.POINTER, InputEvent.Kind.POINTER);
    assertThat(out.get(0).epochMillis()).isEqualTo(1_764_000_000_100L);
    assertThat(out).noneMatch(InputEvent::synthetic);
  }

  @Test
  void readsDevicesListedByTheKernelAndMarksVirtualOnesSynthetic() throws Exception {
    Files.createDirectories(root.resolve("proc/bus/input"));
    Files.createDirectories(root.resolve("dev/input"));
    Files.writeString(root.resolve("proc/bus/input/devices"), """
        I: Bus=0011 Vendor=0001 Product=0001 Version=ab41
        N: Name="AT Translated Set 2 keyboard"
        H: Handlers=sysrq kbd event3 leds

        I: Bus=0006 Vendor=0000 Product=0000 Version=0000
        N: Name="RustDesk UInput Mouse"
        H: Handlers=mouse1 event9

        I: Bus=0019 Vendor=0000 Product=0001 Version=0000
        N: Name="Power Button"
        H: Handlers=event0
        """);
    Files.write(root.resolve("dev/input/event3"), bytes(events(new long[][] {RECORDED[0], RECORDED[1]})));
    Files.write(root.resolve("dev/input/event9"), bytes(events(new long[][] {RECORDED[5], RECORDED[6], RECORDED[7]})));
    List<InputEvent> out = new CopyOnWriteArrayList<>();
    try (EvdevInputSource source = new EvdevInputSource(root)) {
      source.start(out::add);
      for (int i = 0; i < 50 && out.size() < 2; i++) {
        Thread.sleep(20);
      }
    }
    assertThat(out).hasSize(2);
    assertThat(out).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo(InputEvent.Kind.KEY);
      assertThat(e.synthetic()).isFalse();
    });
    assertThat(out).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo(InputEvent.Kind.POINTER);
      assertThat(e.synthetic()).as("uinput devices sit on the virtual bus").isTrue();
    });
  }

  @Test
  void noReadableDeviceIsAReason() throws Exception {
    Files.createDirectories(root.resolve("proc/bus/input"));
    Files.writeString(root.resolve("proc/bus/input/devices"), "I: Bus=0011\nN: Name=\"kbd\"\nH: Handlers=kbd event3\n");
    try (EvdevInputSource source = new EvdevInputSource(root)) {
      assertThatThrownBy(() -> source.start(e -> { })).isInstanceOf(SourceUnavailableException.class)
          .hasMessageContaining("no readable keyboard or pointer");
    }
  }

  static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
