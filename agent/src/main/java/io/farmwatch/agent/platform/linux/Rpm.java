package io.farmwatch.agent.platform.linux;

import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.probe.signer.Signer;
import io.farmwatch.agent.probe.signer.SignerCheck;
import io.farmwatch.agent.probe.signer.SignerProbe;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rpm package that installed a file, from {@code rpm -qi -f}: its vendor, packager and the key
 * ID of the package's signature. rpm's complaints ("No such file or directory") go to stderr,
 * which is read too so a miss says why.
 */
final class Rpm implements SignerProbe {

  /** Where rpm keeps its database: the classic place and the one Fedora and openSUSE moved to. */
  static final List<String> DATABASES = List.of("/var/lib/rpm", "/usr/lib/sysimage/rpm");

  /**
   * rpm before 4.11 (RHEL 6) prints two fields per line; the right-hand one starts after a run of
   * spaces with one of these labels.
   */
  private static final Pattern LINE = Pattern.compile(
      "^(\\S[^:]*?)\\s*: ?(.*?)(?:\\s{2,}(Relocations|Vendor|Build Date|Build Host|Source RPM|License): ?(.*))?$");
  private static final Pattern KEY_ID = Pattern.compile("Key ID ([0-9a-fA-F]+)");

  private final CommandRunner commands;

  Rpm(CommandRunner commands) {
    this.commands = commands;
  }

  @Override
  public SignerCheck check(String path) {
    CommandRunner.Output out = commands.run(List.of("rpm", "-qi", "-f", path), true);
    String where = "rpm -qi -f " + path;
    if (out.stdout().contains("is not owned by any package")) {
      return SignerCheck.missing(where, "no installed package owns " + path);
    }
    Map<String, String> fields = fields(out.stdout());
    if (!fields.containsKey("Name")) {
      String said = out.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(null);
      return SignerCheck.missing(where,
          said != null ? said : out.ok() ? "rpm printed no package record" : out.failure());
    }
    return SignerCheck.found(signer(fields));
  }

  /** The fields of the first package record in {@code rpm -qi} output, up to its description. */
  static Map<String, String> fields(String stdout) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : stdout.split("\n")) {
      if (line.startsWith("Description") || (line.startsWith("Name ") && fields.containsKey("Name"))) {
        break;
      }
      Matcher m = LINE.matcher(line.stripTrailing());
      if (m.matches()) {
        fields.putIfAbsent(m.group(1), m.group(2).strip());
        if (m.group(3) != null) {
          fields.putIfAbsent(m.group(3), m.group(4).strip());
        }
      }
    }
    return fields;
  }

  static Signer signer(Map<String, String> fields) {
    String vendor = present(fields.get("Vendor"));
    String packager = present(fields.get("Packager"));
    String signature = present(fields.get("Signature"));
    Matcher key = signature == null ? null : KEY_ID.matcher(signature);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("package", fields.get("Name"));
    String version = fields.get("Version");
    String release = fields.get("Release");
    if (version != null) {
      details.put("version", release == null ? version : version + "-" + release);
    }
    if (packager != null) {
      details.put("packager", packager);
    }
    details.put("signature", signature == null ? "none: the package is not signed" : signature);
    String name = vendor != null ? vendor : packager != null ? packager : fields.get("Name");
    return new Signer("rpm", name, key != null && key.find() ? key.group(1).toLowerCase(java.util.Locale.ROOT) : null,
        details);
  }

  /** rpm prints an absent field as {@code (none)}. */
  private static String present(String value) {
    return value == null || value.isEmpty() || value.equals("(none)") ? null : value;
  }
}
