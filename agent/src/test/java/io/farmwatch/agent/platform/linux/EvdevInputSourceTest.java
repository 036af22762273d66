package io.farmwatch.agent.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.farmwatch.agent.input.source.InputEvent;
import io.farmwatch.agent.input.source.SourceUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evdev source on recorded {@code input_event} streams: this build machine has no input devices
 * and no uinput module, so the kernel's event nodes are replaced by files and FIFOs carrying the
 * same bytes. {@link UinputHotplugTest} is the same proof with a real uinput device where one exists.
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
    Files.createDirectories(root.resolve("dev/input"));
    Files.writeString(root.resolve("proc/bus/input/devices"), "I: Bus=0011\nN: Name=\"kbd\"\nH: Handlers=kbd event3\n");
    try (EvdevInputSource source = new EvdevInputSource(root)) {
      assertThatThrownBy(() -> source.start(e -> { })).isInstanceOf(SourceUnavailableException.class)
          .hasMessageContaining("no readable keyboard or pointer");
    }
  }

  /**
   * Hot-plug on the real inotify-backed WatchService: a keyboard's node appears under dev/input after
   * the source started (a FIFO named like the kernel's node, fed real {@code input_event} records),
   * is read within the 5 s, and is dropped when it goes away.
   */
  @Test
  void readsADeviceAddedAfterStartAndDropsItWhenRemoved() throws Exception {
    Files.createDirectories(root.resolve("proc/bus/input"));
    Files.createDirectories(root.resolve("dev/input"));
    Path list = root.resolve("proc/bus/input/devices");
    Files.writeString(list, ""); // a headless box: nothing to read yet, and still worth watching
    List<InputEvent> out = new CopyOnWriteArrayList<>();
    try (EvdevInputSource source = new EvdevInputSource(root)) {
      source.start(out::add);
      // As the kernel does it: the device is listed, then its node appears.
      Files.writeString(list, """
          I: Bus=0003 Vendor=0557 Product=2419 Version=0110
          N: Name="ATEN KVM Keyboard"
          H: Handlers=sysrq kbd leds event7
          """);
      Path node = root.resolve("dev/input/event7");
      long plugged = System.nanoTime();
      Process mkfifo = new ProcessBuilder("mkfifo", node.toString()).inheritIO().start();
      assertThat(mkfifo.waitFor()).isZero();
      // Opening a FIFO's writing end waits for its reader: this returns once the source opened the node.
      FileChannel writer = CompletableFuture.supplyAsync(() -> open(node)).get(5, TimeUnit.SECONDS);
      writer.write(events(new long[][] {RECORDED[0], RECORDED[1]}));
      while (out.isEmpty() && System.nanoTime() - plugged < 5_000_000_000L) {
        Thread.sleep(10);
      }
      assertThat(out).as("read within 5 s of the node appearing").singleElement().satisfies(e -> {
        assertThat(e.kind()).isEqualTo(InputEvent.Kind.KEY);
        assertThat(e.synthetic()).isFalse();
      });

      // Unplugged: the kernel drops the device and its node; the source closes its end of the pipe,
      // which the writer sees as a broken pipe.
      Files.writeString(list, "");
      Files.delete(node);
      long unplugged = System.nanoTime();
      assertThatThrownBy(() -> {
        while (System.nanoTime() - unplugged < 5_000_000_000L) {
          writer.write(events(new long[][] {RECORDED[0], RECORDED[1]}));
          Thread.sleep(50);
        }
      }).as("the source stopped reading the removed node").isInstanceOf(IOException.class);
      writer.close();
    }
  }

  private static FileChannel open(Path fifo) {
    try {
      return FileChannel.open(fifo, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
