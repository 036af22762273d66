package io.farmwatch.agent.platform.linux;

import io.farmwatch.agent.input.source.InputEvent;
import io.farmwatch.agent.input.source.InputSource;
import io.farmwatch.agent.input.source.SourceUnavailableException;
import io.farmwatch.protocol.report.InputDevice;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Linux without X (or a root service without access to the user's display): reads keyboards and
 * pointers from {@code /dev/input/event*}. Devices on the virtual bus are uinput devices, which is
 * how software injects input on Linux, so their events count as synthetic.
 *
 * <p>Devices plugged in later (a jiggler, a KVM's keyboard, a uinput device) are opened as their
 * nodes appear: the JDK's WatchService is inotify on Linux, so a change under {@code /dev/input}
 * wakes the watcher at once, and each wake-up compares the kernel's device list with what is being
 * read. At most {@link #MAX_DEVICES} devices are read at a time.
 */
public final class EvdevInputSource implements InputSource {

  /** Far above a laptop's keyboards and pointers; each device costs a thread. */
  static final int MAX_DEVICES = 32;

  /**
   * The kernel creates the event node before every handler has attached (the {@code kbd} handler
   * that makes a device a keyboard may come after), so each burst of changes is looked at once more
   * after this quiet time.
   */
  static final long SETTLE_MILLIS = 1000;

  private final Path root;
  private final Map<String, EvdevDevice> reading = new HashMap<>();
  private Consumer<InputEvent> events;
  private WatchService watcher;
  private boolean closed;

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
    this.events = events;
    Path dir = root.resolve("dev/input");
    try {
      // Watching starts before the first look, so a device plugged in between is not missed.
      watcher = dir.getFileSystem().newWatchService();
      dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
          StandardWatchEventKinds.ENTRY_MODIFY);
    } catch (IOException e) {
      close();
      throw new SourceUnavailableException("/dev/input cannot be watched: " + e.getMessage());
    }
    int unreadable;
    try {
      unreadable = sync();
    } catch (IOException e) {
      close();
      throw new SourceUnavailableException("/proc/bus/input/devices is not readable: " + e.getMessage());
    }
    // No keyboard or pointer at all (a headless box a KVM is plugged into later) is worth watching;
    // keyboards that are there but closed to the agent are a permission problem to report.
    if (unreadable > 0 && readingCount() == 0) {
      close();
      throw new SourceUnavailableException("no readable keyboard or pointer under /dev/input"
          + " (the agent needs root or the input group)");
    }
    Thread t = new Thread(this::watch, "input-evdev-watch");
    t.setDaemon(true);
    t.start();
  }

  private void watch() {
    boolean settling = false;
    try {
      while (true) {
        WatchKey key = settling ? watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS) : watcher.take();
        if (key != null) {
          // Which names changed does not matter: the kernel's list says what exists now.
          key.pollEvents();
          key.reset();
        }
        settling = key != null;
        try {
          sync();
        } catch (IOException e) {
          // /proc unreadable for a moment: the next change looks again.
        }
      }
    } catch (ClosedWatchServiceException | InterruptedException e) {
      // The source was closed.
    }
  }

  /**
   * Starts reading every listed keyboard or pointer not yet read and stops reading those that are
   * gone (out of the kernel's list or their node removed).
   *
   * @return how many listed devices are not readable by this process
   */
  private synchronized int sync() throws IOException {
    if (closed) {
      return 0;
    }
    int unreadable = 0;
    Set<String> listed = new HashSet<>();
    for (InputDevice d : InputDevices.parse(Files.readString(root.resolve("proc/bus/input/devices")))) {
      if (d.path() == null || d.kinds().isEmpty()) {
        continue;
      }
      listed.add(d.path());
      Path node = node(d.path());
      if (reading.containsKey(d.path()) || reading.size() >= MAX_DEVICES) {
        continue;
      }
      if (!Files.isReadable(node)) {
        unreadable++; // not ours to read (needs root or the input group)
        continue;
      }
      EvdevDecoder decoder = new EvdevDecoder("virtual".equals(d.bus()), events);
      EvdevDevice device = new EvdevDevice(node, decoder, this::ended);
      reading.put(d.path(), device);
      device.start();
    }
    reading.entrySet().removeIf(e -> {
      boolean gone = !listed.contains(e.getKey()) || !Files.exists(node(e.getKey()));
      if (gone) {
        e.getValue().close();
      }
      return gone;
    });
    return unreadable;
  }

  private Path node(String devicePath) {
    return root.resolve(devicePath.substring(1));
  }

  /** A reader stopped by itself (unplugged, unreadable): the next change may open the node anew. */
  private synchronized void ended(EvdevDevice device) {
    reading.values().remove(device);
  }

  private synchronized int readingCount() {
    return reading.size();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (watcher != null) {
      try {
        watcher.close();
      } catch (IOException e) {
        // Closing is all that is left to do.
      }
    }
    reading.values().forEach(EvdevDevice::close);
    reading.clear();
  }
}
