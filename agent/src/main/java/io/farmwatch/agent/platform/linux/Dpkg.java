package io.farmwatch.agent.platform.linux;

import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.probe.signer.Signer;
import io.farmwatch.agent.probe.signer.SignerCheck;
import io.farmwatch.agent.probe.signer.SignerProbe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dpkg package that installed a file, and whether the file is still the one it installed (its
 * MD5 against the package's {@code md5sums}, so a packaged path overwritten with another program
 * does not keep the package's trust).
 */
final class Dpkg implements SignerProbe {

  static final String DATABASE = "/var/lib/dpkg/status";
  static final String FIELDS = "${binary:Package}\\t${Version}\\t${Maintainer}\\t${Origin}\\t${db:Status-Status}\\n";

  /** A merged /usr puts /bin, /sbin and /lib under /usr, while packages still list the old paths. */
  private static final List<String> MERGED_USR = List.of("/usr/bin/", "/usr/sbin/", "/usr/lib/", "/usr/lib32/",
      "/usr/lib64/", "/usr/libx32/");

  /** One installed package as {@code dpkg-query -W -f FIELDS} prints it. */
  record Package(String name, String version, String maintainer, String origin, String status) {

    /** The package name without its {@code :arch} qualifier. */
    String bareName() {
      int colon = name.indexOf(':');
      return colon < 0 ? name : name.substring(0, colon);
    }
  }

  private final SystemFiles files;
  private final CommandRunner commands;

  Dpkg(SystemFiles files, CommandRunner commands) {
    this.files = files;
    this.commands = commands;
  }

  @Override
  public SignerCheck check(String path) {
    List<String> candidates = candidates(path);
    List<String> search = new ArrayList<>(List.of("dpkg-query", "-S"));
    candidates.forEach(c -> search.add(escapeGlob(c)));
    CommandRunner.Output owners = commands.run(search);
    String where = "dpkg-query -S " + path;
    Map<String, String> owned = owners(owners.stdout(), candidates);
    if (owned.isEmpty()) {
      return SignerCheck.missing(where, owners.ok() || owners.failure().endsWith(" exited with 1")
          ? "no installed package owns " + path : owners.failure());
    }
    var hit = owned.entrySet().iterator().next();
    String listed = hit.getKey();
    String packageName = hit.getValue();
    CommandRunner.Output query = commands.run(List.of("dpkg-query", "-W", "-f=" + FIELDS, packageName));
    Optional<Package> pkg = parsePackage(query.stdout());
    if (pkg.isEmpty()) {
      return SignerCheck.missing("dpkg-query -W " + packageName, query.ok()
          ? "package " + packageName + " owns " + path + " but dpkg-query printed no record for it" : query.failure());
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("package", pkg.get().name());
    details.put("version", pkg.get().version());
    details.put("maintainer", pkg.get().maintainer());
    if (!pkg.get().origin().isEmpty()) {
      details.put("origin", pkg.get().origin());
    }
    details.put("status", pkg.get().status());
    if (!listed.equals(path)) {
      details.put("listedAs", listed);
    }
    String md5sums = "/var/lib/dpkg/info/" + pkg.get().name() + ".md5sums";
    Optional<String> expected = files.read(md5sums).flatMap(text -> md5Of(text, listed));
    if (expected.isEmpty()) {
      details.put("md5", "not listed in " + md5sums);
    } else {
      String actual;
      try {
        actual = md5(files.path(path));
      } catch (IOException e) {
        return SignerCheck.missing(path, "owned by package " + pkg.get().name() + " but unreadable for its MD5: " + e);
      }
      if (!actual.equals(expected.get())) {
        return SignerCheck.missing(md5sums, path + " belongs to package " + pkg.get().name()
            + " but is not the file it installed (MD5 " + actual + ", the package lists " + expected.get() + ")");
      }
      details.put("md5", "matches " + md5sums);
    }
    String name = pkg.get().origin().isEmpty() ? pkg.get().maintainer() : pkg.get().origin();
    return SignerCheck.found(new Signer("dpkg", name, pkg.get().bareName(), details));
  }

  /** The path, and on a merged /usr the pre-merge path that names the same file. */
  private List<String> candidates(String path) {
    List<String> out = new ArrayList<>(List.of(path));
    for (String prefix : MERGED_USR) {
      if (path.startsWith(prefix)) {
        String old = path.substring("/usr".length());
        try {
          if (Files.isSameFile(files.path(old), files.path(path))) {
            out.add(old);
          }
        } catch (IOException | SecurityException e) {
          // Not merged here, or not readable: the path as given is the only one to ask about.
        }
      }
    }
    return out;
  }

  /** dpkg-query reads {@code * ? [ \} as a pattern; the path must match only itself. */
  static String escapeGlob(String path) {
    return path.replaceAll("([*?\\[\\\\])", "\\\\$1");
  }

  /**
   * {@code dpkg-query -S} lines ({@code pkg[:arch][, pkg…]: /path}) for exactly the asked paths,
   * as path to first owning package; diversion lines are skipped.
   */
  static Map<String, String> owners(String stdout, List<String> paths) {
    Map<String, String> owned = new LinkedHashMap<>();
    for (String line : stdout.split("\n")) {
      int split = line.indexOf(": /");
      if (line.startsWith("diversion by ") || split < 0) {
        continue;
      }
      String file = line.substring(split + 2).strip();
      if (paths.contains(file)) {
        owned.putIfAbsent(file, line.substring(0, split).split(",")[0].strip());
      }
    }
    return owned;
  }

  static Optional<Package> parsePackage(String stdout) {
    String line = stdout.lines().filter(l -> !l.isBlank()).findFirst().orElse(null);
    if (line == null) {
      return Optional.empty();
    }
    String[] f = line.split("\t", -1);
    return f.length < 5 ? Optional.empty() : Optional.of(new Package(f[0], f[1], f[2], f[3], f[4]));
  }

  /** The MD5 {@code md5sums} lists for a path ({@code <md5>  usr/bin/x}). */
  static Optional<String> md5Of(String md5sums, String path) {
    String relative = path.substring(1);
    return md5sums.lines().map(l -> l.split("\\s+", 2)).filter(f -> f.length == 2 && f[1].equals(relative))
        .map(f -> f[0].toLowerCase(java.util.Locale.ROOT)).findFirst();
  }

  private static String md5(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
