package io.farmwatch.agent.platform.linux;

import io.farmwatch.agent.input.source.InputEvent;
import io.farmwatch.agent.input.source.InputSource;
import io.farmwatch.agent.input.source.SourceUnavailableException;
import io.farmwatch.protocol.report.InputDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Linux without X (or a root service without access to the user's display): reads keyboards and
 * pointers from {@code /dev/input/event*}. Devices on the virtual bus are uinput devices, which is
 * how software injects input on Linux, so their events count as synthetic.
 */
public final class EvdevInputSource implements InputSource {

  private final Path root;
  private final List<Thread> readers = new ArrayList<>();
  private final List<FileChannel> channels = new ArrayList<>();
  private volatile boolean running;

  /** @param root the filesystem root ({@code /}; tests may move it) */
  public EvdevInputSource(Path root) {
    this.root = root;
  }

  @Override
  public String name() {
    return "linux-evdev";
  }

  @Override
  public void start(Consumer<InputEvent> events) throws SourceUnavailableException {
    List<InputDevice> devices;
    try {
      devices = InputDevices.parse(Files.readString(root.resolve("proc/bus/input/devices")));
    } catch (IOException e) {
      throw new SourceUnavailableException("/proc/bus/input/devices is not readable: " + e.getMessage());
    }
    running = true;
    for (InputDevice d : devices) {
      if (d.path() == null || d.kinds().isEmpty()) {
        continue;
      }
      Path node = root.resolve(d.path().substring(1));
      FileChannel channel;
      try {
        channel = FileChannel.open(node, StandardOpenOption.READ);
      } catch (IOException e) {
        continue; // not ours to read (needs root or the input group)
      }
      channels.add(channel);
      EvdevDecoder decoder = new EvdevDecoder("virtual".equals(d.bus()), events);
      Thread t = new Thread(() -> read(channel, decoder), "input-evdev-" + node.getFileName());
      t.setDaemon(true);
      t.start();
      readers.add(t);
    }
    if (channels.isEmpty()) {
      running = false;
      throw new SourceUnavailableException("no readable keyboard or pointer under /dev/input"
          + " (the agent needs root or the input group)");
    }
  }

  private void read(FileChannel channel, EvdevDecoder decoder) {
    ByteBuffer buffer = ByteBuffer.allocate(EvdevDecoder.EVENT_SIZE * 64);
    try {
      while (running && channel.read(buffer) >= 0) {
        buffer.flip();
        decoder.decode(buffer);
        buffer.compact();
      }
    } catch (IOException e) {
      // The device went away (unplugged) or the source was closed.
    }
  }

  @Override
  public void close() {
    running = false;
    for (FileChannel c : channels) {
      try {
        c.close();
      } catch (IOException e) {
        // Closing is all that is left to do.
      }
    }
  }
}
