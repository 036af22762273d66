package io.farmwatch.agent.runtime.enroll;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the state folder readable only by the agent's own account: the device private key and the
 * spool live there. POSIX systems get mode 700; Windows gets an ACL granting only the owner,
 * SYSTEM and the local Administrators group, inherited by everything created inside.
 */
public final class StateFolderAccess {

  private static final Logger LOG = LoggerFactory.getLogger(StateFolderAccess.class);

  /** Windows account names of the principals that must keep access to a service's state. */
  static final List<String> WINDOWS_PRINCIPALS = List.of("NT AUTHORITY\\SYSTEM", "BUILTIN\\Administrators");

  private StateFolderAccess() {}

  public static void restrict(Path dir) throws IOException {
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      return;
    }
    AclFileAttributeView view = Files.getFileAttributeView(dir, AclFileAttributeView.class);
    if (view == null) {
      throw new IOException(dir + ": file system offers neither POSIX modes nor ACLs; cannot protect the device key");
    }
    Set<UserPrincipal> principals = new LinkedHashSet<>();
    principals.add(view.getOwner());
    UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
    for (String name : WINDOWS_PRINCIPALS) {
      try {
        principals.add(lookup.lookupPrincipalByName(name));
      } catch (IOException e) {
        // Localised Windows names these accounts differently; the owner (SYSTEM for the service) remains.
        LOG.warn("cannot grant {} access to {}: {}", name, dir, e.toString());
      }
    }
    view.setAcl(ownerOnlyAcl(principals));
  }

  /** Full control for each principal, inherited by files and folders below; nobody else. */
  static List<AclEntry> ownerOnlyAcl(Set<UserPrincipal> principals) {
    List<AclEntry> acl = new ArrayList<>();
    for (UserPrincipal principal : principals) {
      acl.add(
          AclEntry.newBuilder()
              .setType(AclEntryType.ALLOW)
              .setPrincipal(principal)
              .setPermissions(EnumSet.allOf(AclEntryPermission.class))
              .setFlags(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT)
              .build());
    }
    return acl;
  }
}
