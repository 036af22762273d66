package io.farmwatch.agent.platform.macos;

import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.probe.signer.Signer;
import io.farmwatch.agent.probe.signer.SignerCheck;
import io.farmwatch.agent.probe.signer.SignerProbe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * macOS: {@code codesign --verify} says whether the signature still holds for the code on disk,
 * {@code codesign -dv --verbose=2} who signed it: the certificate chain ({@code Authority=}, leaf
 * first) and the team identifier. Display alone proves nothing, since it shows the signature of a
 * modified file too, so both must pass; verify is also what says a file is not signed at all.
 * Ad-hoc signatures name nobody and count as unsigned.
 */
final class CodesignSigners implements SignerProbe {

  /** Apple's certificate kinds put the developer's name before the team ID in parentheses. */
  private static final Pattern DEVELOPER = Pattern.compile(
      "^(?:Developer ID Application|Apple Development|Apple Distribution|Mac Developer"
          + "|3rd Party Mac Developer Application): (.+?)(?: \\(([A-Z0-9]{10})\\))?$");

  /** What {@code codesign -dv} printed that says who signed. */
  record Display(String identifier, List<String> authorities, String teamId, boolean adhoc) {}

  private final CommandRunner commands;

  CodesignSigners(CommandRunner commands) {
    this.commands = commands;
  }

  @Override
  public SignerCheck check(String path) {
    CommandRunner.Output verify = commands.run(List.of("codesign", "--verify", path), true);
    if (!verify.ok()) {
      String said = firstLine(verify.stdout());
      return SignerCheck.missing("codesign --verify " + path,
          said.isEmpty() ? verify.failure() : said.replace(path + ": ", ""));
    }
    CommandRunner.Output display = commands.run(List.of("codesign", "-dv", "--verbose=2", path), true);
    String where = "codesign -dv --verbose=2 " + path;
    if (!display.ok()) {
      String said = firstLine(display.stdout());
      return SignerCheck.missing(where, said.isEmpty() ? display.failure() : said.replace(path + ": ", ""));
    }
    return signer(parse(display.stdout()), where);
  }

  static Display parse(String output) {
    String identifier = null;
    String team = null;
    boolean adhoc = false;
    List<String> authorities = new ArrayList<>();
    for (String raw : output.split("\n")) {
      String line = raw.strip();
      int eq = line.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String value = line.substring(eq + 1);
      switch (line.substring(0, eq)) {
        case "Identifier" -> identifier = value;
        case "Authority" -> authorities.add(value);
        case "TeamIdentifier" -> team = value.equals("not set") ? null : value;
        case "Signature" -> adhoc |= value.equals("adhoc");
        default -> { }
      }
    }
    return new Display(identifier, List.copyOf(authorities), team, adhoc);
  }

  static SignerCheck signer(Display d, String where) {
    if (d.adhoc() || d.authorities().isEmpty()) {
      return SignerCheck.missing(where, "ad-hoc signature: no certificate names who signed it");
    }
    String leaf = d.authorities().get(0);
    Matcher m = DEVELOPER.matcher(leaf);
    String name = m.matches() ? m.group(1) : leaf;
    String team = d.teamId() != null ? d.teamId() : m.matches() ? m.group(2) : null;
    Map<String, String> details = new LinkedHashMap<>();
    details.put("authority", String.join(" < ", d.authorities()));
    if (d.identifier() != null) {
      details.put("identifier", d.identifier());
    }
    details.put("verified", "codesign --verify");
    return SignerCheck.found(new Signer("codesign", name, team, details));
  }

  /** codesign's complaint comes first; lines after it name the subcomponent or architecture. */
  private static String firstLine(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
  }
}
