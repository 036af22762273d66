package io.farmwatch.collector.alert.sink.jsonl;

import io.farmwatch.collector.alert.sink.AlertSink;
import io.farmwatch.collector.alert.sink.BoundedMessage;
import io.farmwatch.collector.correlate.Alert;
import io.farmwatch.protocol.ProtocolJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends each alert update as one JSON line, for log shippers that tail files. */
public final class JsonLinesSink implements AlertSink {

  /** Log shippers cap lines (Filebeat's default is 10 MB, Fluent Bit's buffer 32 KB to 256 KB). */
  public static final int MAX_LINE_BYTES = 64 * 1024;

  private final Path file;

  public JsonLinesSink(Path file) {
    this.file = file;
  }

  @Override
  public void deliver(Alert alert) throws IOException {
    byte[] json = BoundedMessage.render(alert, MAX_LINE_BYTES - 1, ProtocolJson.mapper()::writeValueAsBytes);
    ByteBuffer line = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
        StandardOpenOption.WRITE)) {
      while (line.hasRemaining()) {
        ch.write(line);
      }
      ch.force(false);
    }
  }

  @Override
  public String kind() {
    return "jsonl";
  }

  @Override
  public String describe() {
    return "jsonl:" + file;
  }
}
