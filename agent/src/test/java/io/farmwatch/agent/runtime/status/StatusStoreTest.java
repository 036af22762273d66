package io.farmwatch.agent.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusStoreTest {

  @TempDir Path state;

  @Test
  void aStatusWrittenBeforeRefusalsWereCountedStillLoadsItsStop() throws Exception {
    Files.writeString(state.resolve(StatusStore.FILE), """
        {"lastSuccessAt":"2026-11-30T10:00:00Z","lastAcceptedSequence":7,
         "stopped":{"at":"2026-11-30T10:05:00Z","kind":"device_rejected","code":"revoked_device","message":"revoked"}}
        """);

    AgentStatus status = new StatusStore(state).load();

    assertThat(status.lastAcceptedSequence()).isEqualTo(7);
    assertThat(status.stopped()).isNotNull();
    assertThat(status.refusedReports()).isZero();
    assertThat(status.freshReplays()).isZero();
  }
}
