package io.farmwatch.agent.probe.signer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of looking up an executable's signer: the signer, or where the probe looked and why
 * it found none (unsigned, not owned by any package, signature broken, command failed).
 */
public record SignerCheck(Signer signer, String source, String reason) {

  public SignerCheck {
    if ((signer == null) == (reason == null)) {
      throw new IllegalArgumentException("a signer check has either a signer or a reason");
    }
  }

  public static SignerCheck found(Signer signer) {
    return new SignerCheck(signer, null, null);
  }

  /**
   * @param source where the probe looked, e.g. {@code dpkg-query -S /opt/x/x}
   * @param reason why it found no signer there
   */
  public static SignerCheck missing(String source, String reason) {
    return new SignerCheck(null, source, reason);
  }

  /** The evidence key under which {@link #evidence()} goes into a finding. */
  public String evidenceKey() {
    return signer != null ? "signer" : "signerMissing";
  }

  public Map<String, Object> evidence() {
    if (signer != null) {
      return signer.evidence();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", source);
    m.put("reason", reason);
    return m;
  }
}
