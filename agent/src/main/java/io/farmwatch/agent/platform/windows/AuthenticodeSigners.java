package io.farmwatch.agent.platform.windows;

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
 * Windows: the Authenticode signature as {@code Get-AuthenticodeSignature} checks it (WinVerifyTrust
 * underneath, so catalog-signed system files count too), read from its {@code Format-List} view.
 * Only a {@code Valid} signature names a signer; the publisher is the common name of the signing
 * certificate, as Windows shows it as "Verified publisher".
 */
final class AuthenticodeSigners implements SignerProbe {

  private static final Pattern PROPERTY = Pattern.compile("^([A-Za-z]+)\\s*: ?(.*)$");
  private static final Pattern SECTION = Pattern.compile("^\\[(.+)]$");

  /** The properties of one signature, each with its value lines (continuations included). */
  record Listing(Map<String, List<String>> properties) {

    String value(String property) {
      List<String> lines = properties.get(property);
      return lines == null ? null : String.join(" ", lines.stream().filter(l -> !l.isEmpty()).toList()).strip();
    }

    /** A section of a certificate's text ({@code [Subject]}, {@code [Thumbprint]}), wrapped lines joined. */
    String certificate(String property, String section) {
      List<String> lines = properties.get(property);
      if (lines == null) {
        return null;
      }
      StringBuilder out = null;
      for (String line : lines) {
        Matcher m = SECTION.matcher(line);
        if (m.matches()) {
          if (out != null) {
            break;
          }
          out = m.group(1).equals(section) ? new StringBuilder() : null;
        } else if (out != null && !line.isEmpty()) {
          out.append(out.isEmpty() ? "" : " ").append(line);
        }
      }
      return out == null || out.isEmpty() ? null : out.toString();
    }
  }

  private final CommandRunner commands;

  AuthenticodeSigners(CommandRunner commands) {
    this.commands = commands;
  }

  @Override
  public SignerCheck check(String path) {
    CommandRunner.Output out = commands.run(command(path));
    String where = "Get-AuthenticodeSignature " + path;
    Listing listing = parse(out.stdout());
    if (listing.value("Status") == null) {
      return SignerCheck.missing(where, out.ok() ? "PowerShell printed no signature record" : out.failure());
    }
    return signer(listing, where);
  }

  /**
   * UTF-8 output so a publisher's name survives any console code page, and a wide line so long
   * certificate subjects are not wrapped (the parser joins wrapped lines all the same).
   */
  static List<String> command(String path) {
    return List.of("powershell.exe", "-NoProfile", "-NonInteractive", "-Command",
        "[Console]::OutputEncoding = [Text.Encoding]::UTF8; Get-AuthenticodeSignature -LiteralPath '"
            + quoted(path) + "' | Format-List | Out-String -Width 4096");
  }

  /** Inside PowerShell's single quotes every single-quote character, typographic ones too, is doubled. */
  static String quoted(String path) {
    return path.replaceAll("(['\u2018\u2019\u201A\u201B])", "$1$1");
  }

  static Listing parse(String output) {
    Map<String, List<String>> properties = new LinkedHashMap<>();
    List<String> current = null;
    for (String raw : output.replace("\r", "").split("\n")) {
      Matcher m = PROPERTY.matcher(raw);
      if (!raw.isEmpty() && !Character.isWhitespace(raw.charAt(0)) && m.matches()) {
        current = new ArrayList<>();
        properties.putIfAbsent(m.group(1), current);
        current.add(m.group(2).strip());
      } else if (current != null) {
        current.add(raw.strip());
      }
    }
    return new Listing(properties);
  }

  static SignerCheck signer(Listing listing, String where) {
    String status = listing.value("Status");
    if (!"Valid".equals(status)) {
      String message = listing.value("StatusMessage");
      return SignerCheck.missing(where, "NotSigned".equals(status) ? "not signed (NotSigned)"
          : "signature status " + status + (message == null || message.isEmpty() ? "" : ": " + message));
    }
    String subject = listing.certificate("SignerCertificate", "Subject");
    String publisher = subject == null ? null : commonName(subject);
    if (publisher == null) {
      return SignerCheck.missing(where, "the signature is valid but names no signer certificate subject");
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("subject", subject);
    String issuer = listing.certificate("SignerCertificate", "Issuer");
    if (issuer != null) {
      details.put("issuer", issuer);
    }
    details.put("status", status);
    String type = listing.value("SignatureType");
    if (type != null && !type.isEmpty()) {
      details.put("signatureType", type);
    }
    return SignerCheck.found(new Signer("authenticode", publisher,
        listing.certificate("SignerCertificate", "Thumbprint"), details));
  }

  /** The CN of a distinguished name as .NET prints it: {@code CN="a, b", O=c}. */
  static String commonName(String dn) {
    boolean quoted = false;
    int start = 0;
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < dn.length(); i++) {
      char c = dn.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        parts.add(dn.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(dn.substring(start));
    for (String part : parts) {
      String p = part.strip();
      if (p.startsWith("CN=")) {
        String v = p.substring(3).strip();
        return v.length() > 1 && v.startsWith("\"") && v.endsWith("\"")
            ? v.substring(1, v.length() - 1).replace("\"\"", "\"") : v;
      }
    }
    return null;
  }
}
