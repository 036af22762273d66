package io.farmwatch.collector.egress;

/**
 * What the offline databases say about one egress address.
 *
 * @param country ISO 3166-1 alpha-2 code, or null when the country database has no row for it
 * @param asn the announcing network's number, or 0 when the ASN database has none
 * @param org that network's name, or null
 * @param hosting which hosting/VPN list holds the address, or null when none does
 * @param unknownReason why nothing could be said (not an address, private, reserved), or null
 */
public record EgressClass(
    String address, String country, long asn, String org, HostingList hosting, String unknownReason) {

  /** The X4BNet/lists_vpn list an address matched. */
  public enum HostingList {
    DATACENTER("X4BNet datacenter list (hosting and cloud networks)"),
    VPN("X4BNet VPN list (commercial VPN exits)");

    private final String source;

    HostingList(String source) {
      this.source = source;
    }

    public String source() {
      return source;
    }
  }

  static EgressClass unknown(String address, String reason) {
    return new EgressClass(address, null, 0, null, null, reason);
  }

  public boolean known() {
    return unknownReason == null;
  }

  /** The network in plain words, e.g. "AS16509 Amazon.com, Inc.". */
  public String network() {
    return asn == 0 ? "an unlisted network" : "AS" + asn + (org == null ? "" : " " + org);
  }
}
