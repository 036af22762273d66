package io.farmwatch.agent.platform.linux;

import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.probe.signer.SignerCheck;
import io.farmwatch.agent.probe.signer.SignerProbe;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Linux has no code signatures on executables; what vouches for one is the package manager that
 * installed it. Asks dpkg's database and then rpm's, whichever this system has, so a copy of a
 * packaged program anywhere else has no signer.
 */
public final class PackageSigners implements SignerProbe {

  private final SystemFiles files;
  private final Dpkg dpkg;
  private final Rpm rpm;

  public PackageSigners(SystemFiles files, CommandRunner commands) {
    this.files = files;
    this.dpkg = new Dpkg(files, commands);
    this.rpm = new Rpm(commands);
  }

  @Override
  public SignerCheck check(String path) {
    if (!path.startsWith("/")) {
      return SignerCheck.missing(path, "not an absolute path, so no package database can own it");
    }
    List<SignerCheck> misses = new ArrayList<>();
    if (Files.exists(files.path(Dpkg.DATABASE))) {
      SignerCheck c = dpkg.check(path);
      if (c.signer() != null) {
        return c;
      }
      misses.add(c);
    }
    if (Rpm.DATABASES.stream().anyMatch(db -> Files.isDirectory(files.path(db)))) {
      SignerCheck c = rpm.check(path);
      if (c.signer() != null) {
        return c;
      }
      misses.add(c);
    }
    if (misses.isEmpty()) {
      return SignerCheck.missing(Dpkg.DATABASE + ", " + String.join(", ", Rpm.DATABASES),
          "this system has neither a dpkg nor an rpm database");
    }
    return misses.size() == 1 ? misses.get(0) : SignerCheck.missing(
        String.join("; ", misses.stream().map(SignerCheck::source).toList()),
        String.join("; ", misses.stream().map(SignerCheck::reason).toList()));
  }
}
