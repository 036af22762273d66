package io.farmwatch.agent.probe.signer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who vouches for an executable: the publisher of its valid code signature (Windows, macOS) or the
 * package that installed it (Linux; dpkg also checks the file is the one it installed). An allowlist
 * entry's {@code signer} pattern matches its {@code name} or its {@code id}.
 *
 * @param source how it was established: {@code authenticode}, {@code codesign}, {@code dpkg} or {@code rpm}
 * @param name the publisher: the certificate's common name (Windows), the developer named by the
 *     signing certificate (macOS), the package's origin or maintainer (dpkg) or vendor (rpm)
 * @param id a stable identifier of that publisher: certificate thumbprint (Windows), team identifier
 *     (macOS), package name (dpkg), signing key ID (rpm); null when there is none
 * @param details further facts as seen (version, issuer, full certificate subject), for the evidence
 */
public record Signer(String source, String name, String id, Map<String, String> details) {

  public Signer {
    details = details == null ? Map.of() : Map.copyOf(details);
  }

  /** The evidence object: source, name and id first, then the details. */
  public Map<String, Object> evidence() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", source);
    m.put("name", name);
    if (id != null) {
      m.put("id", id);
    }
    details.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> m.put(e.getKey(), e.getValue()));
    return m;
  }
}
