package io.farmwatch.agent.runtime.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POSIX mode is tested for real. Windows ACLs cannot be applied on this Linux machine, so the ACL
 * the Windows path writes is checked as built, with principals looked up on this system.
 */
class StateFolderAccessTest {

  @TempDir Path tmp;

  @Test
  void thePosixStateFolderBecomesOwnerOnly() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("state"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    StateFolderAccess.restrict(dir);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
  }

  @Test
  void theWindowsAclGrantsFullInheritedControlToTheGivenPrincipalsOnly() throws Exception {
    UserPrincipal owner = Files.getOwner(tmp);
    UserPrincipal other = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    var acl = StateFolderAccess.ownerOnlyAcl(new LinkedHashSet<>(List.of(owner, other)));
    assertThat(acl).hasSize(2);
    assertThat(acl).extracting(e -> e.principal()).containsExactly(owner, other);
    assertThat(acl).allSatisfy(e -> {
      assertThat(e.type()).isEqualTo(AclEntryType.ALLOW);
      assertThat(e.permissions()).contains(AclEntryPermission.READ_DATA, AclEntryPermission.WRITE_DATA,
          AclEntryPermission.WRITE_ACL, AclEntryPermission.DELETE_CHILD);
      assertThat(e.flags()).containsExactlyInAnyOrder(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT);
    });
    assertThat(StateFolderAccess.WINDOWS_PRINCIPALS).containsExactly("NT AUTHORITY\\SYSTEM", "BUILTIN\\Administrators");
  }
}
