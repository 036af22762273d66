package io.farmwatch.agent.identity;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * Checks a state folder before the agent trusts anything in it: the agent runs as root or SYSTEM,
 * so a folder someone else can write to would let them plant links or files that the agent then
 * follows, overwrites or sends.
 */
public final class StateFolder {

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OTHERS_WRITE =
      Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

  private StateFolder() {}

  /** A folder of the state is a symbolic link, not ours, or writable by others. */
  public static final class UnsafeStateFolderException extends IOException {
    public UnsafeStateFolderException(Path dir, String problem) {
      super("refusing to use " + dir + ": " + problem);
    }
  }

  /**
   * Creates the folder owner-only when it is missing; otherwise checks that it is a real folder (not
   * a symbolic link), owned by this process's user and not writable by group or others, then
   * narrows it to mode 700.
   */
  public static void secure(Path dir) throws IOException {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createDirectories(dir);
      return; // Windows: the ACL set at enrollment (StateFolderAccess) guards the folder.
    }
    if (Files.notExists(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(dir.toAbsolutePath().getParent());
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }
    PosixFileAttributes attrs = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (attrs.isSymbolicLink()) {
      throw new UnsafeStateFolderException(dir, "it is a symbolic link; point --state at the real folder");
    }
    if (!attrs.isDirectory()) {
      throw new UnsafeStateFolderException(dir, "it is not a folder");
    }
    UserPrincipal me = FileSystems.getDefault().getUserPrincipalLookupService()
        .lookupPrincipalByName(System.getProperty("user.name"));
    if (!attrs.owner().equals(me)) {
      throw new UnsafeStateFolderException(dir, "it is owned by " + attrs.owner().getName() + ", not by "
          + me.getName() + " who runs the agent; chown it or use another folder");
    }
    Set<PosixFilePermission> perms = attrs.permissions();
    if (perms.stream().anyMatch(OTHERS_WRITE::contains)) {
      throw new UnsafeStateFolderException(dir, "its mode " + PosixFilePermissions.toString(perms)
          + " lets group or others write to it, so its files cannot be trusted; check them, then chmod 700");
    }
    if (!perms.equals(OWNER_ONLY)) {
      Files.setPosixFilePermissions(dir, OWNER_ONLY);
    }
  }
}
