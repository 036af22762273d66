package io.farmwatch.collector.alert.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.collector.alert.sink.jsonl.JsonLinesSink;
import io.farmwatch.collector.correlate.Alert;
import io.farmwatch.protocol.ProtocolJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
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
  protected int maxMessageBytes() {
    return JsonLinesSink.MAX_LINE_BYTES;
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

  @Test
  void aShortenedAlertIsStillOneLineOfJsonThatReadsBackAsAnAlert() throws Exception {
    startReceiver();
    newSink().deliver(giant("farm-giant"));
    assertThat(received()).singleElement().satisfies(line -> {
      Alert back = ProtocolJson.mapper().readValue(line, Alert.class);
      assertThat(back.id()).isEqualTo("farm-giant");
      assertThat(back.evidence()).hasSizeBetween(1, 256);
      assertThat(back.summary()).endsWith(" evidence entries)").contains(BoundedMessage.MARKER);
    });
  }
}
