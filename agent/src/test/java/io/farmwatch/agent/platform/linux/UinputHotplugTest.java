package io.farmwatch.agent.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.farmwatch.agent.input.source.InputEvent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The proof on a machine that has uinput: a virtual keyboard created through
 * {@code /dev/uinput} after the agent's evdev source started is read within 5 s, and what it types
 * counts as injected. Skipped, saying why, where the kernel has no uinput (this build machine).
 */
class UinputHotplugTest {

  /** The few libc calls uinput needs. */
  interface LibC extends Library {
    LibC C = Native.load("c", LibC.class);

    int open(String path, int flags);

    int ioctl(int fd, long request, int arg);

    long write(int fd, byte[] buffer, long count);

    int close(int fd);
  }

  static final int O_WRONLY = 1;
  static final int O_NONBLOCK = 04000;
  // <linux/uinput.h>: _IOW('U', 100, int), _IOW('U', 101, int), _IO('U', 1), _IO('U', 2)
  static final long UI_SET_EVBIT = 0x40045564L;
  static final long UI_SET_KEYBIT = 0x40045565L;
  static final long UI_DEV_CREATE = 0x5501L;
  static final long UI_DEV_DESTROY = 0x5502L;
  static final int BUS_VIRTUAL = 0x06;
  static final int KEY_A = 30;
  /** {@code struct uinput_user_dev}: name[80], input_id (4 x u16), ff_effects_max, 4 x s32[64]. */
  static final int USER_DEV_SIZE = 80 + 8 + 4 + 4 * 64 * 4;

  @Test
  void aUinputKeyboardCreatedAfterStartIsReadWithinFiveSeconds() throws Exception {
    Path uinput = Path.of("/dev/uinput");
    assumeTrue(Files.isWritable(uinput) && Files.isDirectory(Path.of("/dev/input")),
        "no writable /dev/uinput here (a kernel without the uinput module, or not root):"
            + " EvdevInputSourceTest proves hot-plug with a FIFO node instead");
    List<InputEvent> out = new CopyOnWriteArrayList<>();
    try (EvdevInputSource source = new EvdevInputSource(Path.of("/"))) {
      source.start(out::add);
      int fd = LibC.C.open(uinput.toString(), O_WRONLY | O_NONBLOCK);
      assertThat(fd).as("open /dev/uinput").isNotNegative();
      try {
        assertThat(LibC.C.ioctl(fd, UI_SET_EVBIT, EvdevDecoder.EV_KEY)).isZero();
        assertThat(LibC.C.ioctl(fd, UI_SET_EVBIT, EvdevDecoder.EV_SYN)).isZero();
        assertThat(LibC.C.ioctl(fd, UI_SET_KEYBIT, KEY_A)).isZero();
        byte[] dev = userDev("FarmWatch hot-plug test keyboard");
        assertThat(LibC.C.write(fd, dev, dev.length)).isEqualTo(dev.length);
        assertThat(LibC.C.ioctl(fd, UI_DEV_CREATE, 0)).isZero();
        long created = System.nanoTime();
        // Typed until the source has opened the new node: what uinput sends before that is lost.
        while (out.stream().noneMatch(e -> e.synthetic() && e.kind() == InputEvent.Kind.KEY)
            && System.nanoTime() - created < 5_000_000_000L) {
          byte[] press = EvdevInputSourceTest.bytes(EvdevInputSourceTest.events(new long[][] {
              {0, 0, EvdevDecoder.EV_KEY, KEY_A, 1}, {0, 0, EvdevDecoder.EV_SYN, 0, 0},
              {0, 0, EvdevDecoder.EV_KEY, KEY_A, 0}, {0, 0, EvdevDecoder.EV_SYN, 0, 0}}));
          assertThat(LibC.C.write(fd, press, press.length)).isEqualTo(press.length);
          Thread.sleep(100);
        }
        assertThat(out).as("a key typed on the uinput keyboard, read within 5 s of its creation")
            .anyMatch(e -> e.synthetic() && e.kind() == InputEvent.Kind.KEY);
      } finally {
        LibC.C.ioctl(fd, UI_DEV_DESTROY, 0);
        LibC.C.close(fd);
      }
    }
  }

  private static byte[] userDev(String name) {
    ByteBuffer b = ByteBuffer.allocate(USER_DEV_SIZE).order(ByteOrder.nativeOrder());
    b.put(name.getBytes(StandardCharsets.US_ASCII));
    b.position(80).putShort((short) BUS_VIRTUAL).putShort((short) 0x1234).putShort((short) 0x5678).putShort((short) 1);
    return b.array();
  }
}
