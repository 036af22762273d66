package io.farmwatch.agent.identity;

import io.farmwatch.protocol.envelope.EncodedPublicKey;
import io.farmwatch.protocol.envelope.EnvelopeSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.channels.FileChannel;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The agent's state folder: its Ed25519 key pair, and once enrolled its device ID.
 *
 * <p>The folder and the private key are owner-only. The private key never leaves this folder; the
 * public key sits beside it as {@code device.pub.pem} so an administrator or openssl can check
 * signatures.
 */
public final class DeviceIdentityStore {

  public static final String PRIVATE_KEY_FILE = "device.key";
  public static final String PUBLIC_KEY_FILE = "device.pub.pem";
  public static final String DEVICE_ID_FILE = "device.id";

  private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final Path dir;

  private DeviceIdentityStore(Path dir) {
    this.dir = dir;
  }

  /** Opens the state folder, creating it owner-only when it does not exist (see {@link StateFolder}). */
  public static DeviceIdentityStore open(Path dir) throws IOException {
    StateFolder.secure(dir);
    return new DeviceIdentityStore(dir);
  }

  public Path directory() {
    return dir;
  }

  /** The device key pair, generated and stored on first use. */
  public DeviceCredentials credentials() throws IOException {
    Path privatePath = dir.resolve(PRIVATE_KEY_FILE);
    if (!Files.exists(privatePath)) {
      generate(privatePath);
    }
    PrivateKey privateKey = readPrivateKey(privatePath);
    EncodedPublicKey publicKey = EncodedPublicKey.fromPem(Files.readString(dir.resolve(PUBLIC_KEY_FILE)));
    return new DeviceCredentials(privateKey, publicKey, new EnvelopeSigner(privateKey, publicKey));
  }

  public Optional<String> deviceId() throws IOException {
    Path path = dir.resolve(DEVICE_ID_FILE);
    if (!Files.exists(path)) {
      return Optional.empty();
    }
    String id = Files.readString(path, StandardCharsets.UTF_8).strip();
    return id.isEmpty() ? Optional.empty() : Optional.of(id);
  }

  public void saveDeviceId(String deviceId) throws IOException {
    writeAtomically(dir.resolve(DEVICE_ID_FILE), (deviceId + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes a file so that a crash leaves either the old or the new content: temp file, fsync,
   * rename, fsync of the folder. The temp file is created new and owner-only, never opened through
   * a link: a stale one (link or file) is unlinked first, and one planted in between makes
   * {@code CREATE_NEW} fail rather than write through it. The rename replaces a link at the target
   * itself, not the file it points to.
   */
  public static void writeAtomically(Path target, byte[] content) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Set<OpenOption> options =
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    try (FileChannel ch =
        POSIX
            ? FileChannel.open(tmp, options, PosixFilePermissions.asFileAttribute(OWNER_FILE))
            : FileChannel.open(tmp, options)) {
      ch.write(java.nio.ByteBuffer.wrap(content));
      ch.force(true);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    syncDirectory(target.getParent());
  }

  private void generate(Path privatePath) throws IOException {
    KeyPair pair;
    try {
      pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK provides Ed25519 since Java 15", e);
    }
    String pem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    // The public key is written first: a crash in between then leaves no orphan private key.
    writeAtomically(
        dir.resolve(PUBLIC_KEY_FILE),
        EncodedPublicKey.fromSpki(pair.getPublic().getEncoded()).pem().getBytes(StandardCharsets.US_ASCII));
    writeAtomically(privatePath, pem.getBytes(StandardCharsets.US_ASCII));
  }

  private static PrivateKey readPrivateKey(Path path) throws IOException {
    String text = Files.readString(path, StandardCharsets.US_ASCII);
    String body =
        text.replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException(path + " does not hold an Ed25519 PKCS#8 private key", e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Not every OS can open a directory for fsync (Windows cannot); the rename is still atomic.
    }
  }
}
