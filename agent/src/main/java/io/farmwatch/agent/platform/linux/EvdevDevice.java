package io.farmwatch.agent.platform.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Reads one evdev node on a thread of its own, from opening it until the device is unplugged or
 * the source closes it. The node is opened on that thread, not the caller's, so a node that blocks
 * on open (a FIFO standing in for a device) can never stall the watcher.
 */
final class EvdevDevice {

  private final Path node;
  private final EvdevDecoder decoder;
  private final Consumer<EvdevDevice> onEnd;
  private volatile FileChannel channel;
  private volatile boolean closed;

  /** @param onEnd runs on the reader thread when reading stops, for whatever reason */
  EvdevDevice(Path node, EvdevDecoder decoder, Consumer<EvdevDevice> onEnd) {
    this.node = node;
    this.decoder = decoder;
    this.onEnd = onEnd;
  }

  void start() {
    Thread t = new Thread(this::read, "input-evdev-" + node.getFileName());
    t.setDaemon(true);
    t.start();
  }

  private void read() {
    try (FileChannel c = FileChannel.open(node, StandardOpenOption.READ)) {
      channel = c;
      ByteBuffer buffer = ByteBuffer.allocate(EvdevDecoder.EVENT_SIZE * 64);
      while (!closed && c.read(buffer) >= 0) {
        buffer.flip();
        decoder.decode(buffer);
        buffer.compact();
      }
    } catch (IOException e) {
      // Not ours to read, unplugged (ENODEV), or closed by the source: this reader is done.
    } finally {
      onEnd.accept(this);
    }
  }

  /** Stops reading; a read blocked in the kernel returns at once. */
  void close() {
    closed = true;
    FileChannel c = channel;
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        // Closing is all that is left to do.
      }
    }
  }
}
