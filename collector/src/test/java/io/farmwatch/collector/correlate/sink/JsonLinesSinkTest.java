package io.farmwatch.collector.correlate.sink;

import io.farmwatch.collector.correlate.sink.jsonl.JsonLinesSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesSinkTest extends AlertSinkContract {

  @TempDir Path tmp;

  Path file() {
    return tmp.resolve("out/alerts.jsonl");
  }

  @Override
  protected AlertSink newSink() {
    return new JsonLinesSink(file());
  }

  @Override
  protected List<String> received() throws Exception {
    return Files.exists(file()) ? Files.readAllLines(file()) : List.of();
  }

  /** The folder missing is how a file sink fails: an unmounted log volume, say. */
  @Override
  protected void stopReceiver() throws Exception {
    Files.deleteIfExists(file());
    Files.deleteIfExists(file().getParent());
  }

  @Override
  protected void startReceiver() throws Exception {
    Files.createDirectories(file().getParent());
  }
}
