package io.farmwatch.agent.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceIdentityStoreTest {

  @TempDir Path tmp;

  @Test
  void createsAnOwnerOnlyFolderAndKeyOnFirstUse() throws IOException {
    Path state = tmp.resolve("state");
    DeviceIdentityStore store = DeviceIdentityStore.open(state);
    store.credentials();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("device.key"))))
        .isEqualTo("rw-------");
    assertThat(Files.readString(state.resolve("device.pub.pem"))).startsWith("-----BEGIN PUBLIC KEY-----");
  }

  @Test
  void tightensAnExistingFolderThatOthersCouldRead() throws IOException {
    Path state = Files.createDirectory(tmp.resolve("loose"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    DeviceIdentityStore.open(state);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
  }

  @Test
  void keepsTheSameKeyAcrossRestarts() throws IOException {
    Path state = tmp.resolve("state");
    String first = DeviceIdentityStore.open(state).credentials().publicKey().keyId();
    String second = DeviceIdentityStore.open(state).credentials().publicKey().keyId();
    assertThat(second).isEqualTo(first);
  }

  @Test
  void storesTheDeviceIdAsPlainText() throws IOException {
    DeviceIdentityStore store = DeviceIdentityStore.open(tmp.resolve("state"));
    assertThat(store.deviceId()).isEmpty();
    store.saveDeviceId("dev-42");
    assertThat(Files.readString(tmp.resolve("state/device.id")).strip()).isEqualTo("dev-42");
    assertThat(store.deviceId()).contains("dev-42");
  }

  @Test
  void aCorruptPrivateKeyIsAnErrorNotANewIdentity() throws IOException {
    Path state = tmp.resolve("state");
    DeviceIdentityStore.open(state).credentials();
    Files.writeString(state.resolve("device.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    assertThatThrownBy(() -> DeviceIdentityStore.open(state).credentials())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("device.key");
  }

  @Test
  void sequenceNumbersStrictlyIncreaseAcrossInstances() throws IOException {
    Path state = Files.createDirectory(tmp.resolve("seq"));
    assertThat(new SequenceCounter(state).next()).isEqualTo(1);
    assertThat(new SequenceCounter(state).next()).isEqualTo(2);
    assertThat(new SequenceCounter(state).current()).isEqualTo(2);
    Files.writeString(state.resolve("sequence"), "garbage");
    assertThatThrownBy(() -> new SequenceCounter(state).next()).isInstanceOf(IOException.class);
  }
}
