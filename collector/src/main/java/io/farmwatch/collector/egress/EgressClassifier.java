package io.farmwatch.collector.egress;

import com.maxmind.db.Reader;
import io.farmwatch.collector.net.Cidr;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Classifies egress addresses from the offline databases shipped in the collector jar (or a
 * directory refreshed by scripts/refresh-egress-data): country, ASN and organisation, and whether a
 * hosting or VPN list holds the address. Thread-safe; never asks a service.
 */
public final class EgressClassifier {

  /** Files the collector reads, as scripts/egress_data.py writes them. */
  static final String COUNTRY = "country.mmdb.gz";
  static final String ASN = "asn.bin.gz";
  static final String DATACENTER = "hosting-datacenter.txt.gz";
  static final String VPN = "hosting-vpn.txt.gz";

  /** Blocks no home or office egress can be: shared address space, loopback, link-local, multicast, documentation. */
  private static final List<Cidr> RESERVED = List.of(Cidr.parse("100.64.0.0/10"), Cidr.parse("0.0.0.0/8"),
      Cidr.parse("192.0.2.0/24"), Cidr.parse("198.51.100.0/24"), Cidr.parse("203.0.113.0/24"),
      Cidr.parse("240.0.0.0/4"), Cidr.parse("2001:db8::/32"));

  private final Reader country;
  private final RangeTable asns;
  private final Map<Integer, String> orgs;
  private final RangeTable datacenter;
  private final RangeTable vpn;

  private EgressClassifier(Reader country, RangeTable asns, Map<Integer, String> orgs, RangeTable datacenter,
      RangeTable vpn) {
    this.country = country;
    this.asns = asns;
    this.orgs = orgs;
    this.datacenter = datacenter;
    this.vpn = vpn;
  }

  /** The databases built into the jar, loaded once per JVM: they never change while it runs. */
  public static EgressClassifier builtIn() {
    return BuiltIn.INSTANCE;
  }

  private static final class BuiltIn {
    static final EgressClassifier INSTANCE = loadBuiltIn();
  }

  private static EgressClassifier loadBuiltIn() {
    return load(name -> {
      InputStream in = EgressClassifier.class.getResourceAsStream("/egress/" + name);
      if (in == null) {
        throw new IOException("the collector jar lacks egress/" + name);
      }
      return in;
    });
  }

  /** The databases in a directory, as scripts/refresh-egress-data writes them. */
  public static EgressClassifier fromDirectory(Path dir) {
    return load(name -> Files.newInputStream(dir.resolve(name)));
  }

  private interface Source {
    InputStream open(String name) throws IOException;
  }

  private static EgressClassifier load(Source source) {
    try (InputStream mmdb = new GZIPInputStream(source.open(COUNTRY), 1 << 16)) {
      Reader country = new Reader(mmdb);
      Map<Integer, String> orgs = new HashMap<>();
      RangeTable asns;
      // Buffered: DataInputStream reads a few bytes at a time, and each unbuffered read enters the inflater.
      try (DataInputStream in = new DataInputStream(
          new BufferedInputStream(new GZIPInputStream(source.open(ASN), 1 << 16), 1 << 16))) {
        asns = readAsns(in, orgs);
      }
      // A HashMap, not Map.copyOf: the immutable map's linear probing crawls on 80,000 near-consecutive ASNs.
      return new EgressClassifier(country, asns, orgs, readBlocks(source.open(DATACENTER)),
          readBlocks(source.open(VPN)));
    } catch (IOException e) {
      throw new UncheckedIOException("could not load the egress databases: " + e.getMessage(), e);
    }
  }

  private static RangeTable readAsns(DataInputStream in, Map<Integer, String> orgs) throws IOException {
    byte[] magic = in.readNBytes(6);
    if (!"FWASN1".equals(new String(magic, StandardCharsets.US_ASCII))) {
      throw new IOException("asn.bin.gz is not in the FWASN1 format");
    }
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      int asn = in.readInt();
      byte[] name = in.readNBytes(in.readUnsignedShort());
      orgs.put(asn, new String(name, StandardCharsets.UTF_8));
    }
    RangeTable.Builder table = new RangeTable.Builder();
    int v4 = in.readInt();
    for (int i = 0; i < v4; i++) {
      byte[] start = new byte[4];
      in.readFully(start);
      table.add(RangeTable.high(start), RangeTable.low(start), in.readInt());
    }
    // The last IPv4 range ends with IPv4 itself, not at the first IPv6 row.
    table.add(0, 0x0001_0000_0000_0000L, 0);
    int v6 = in.readInt();
    for (int i = 0; i < v6; i++) {
      long h = in.readLong();
      long l = in.readLong();
      int asn = in.readInt();
      // IPv6 rows below ::ffff:0:0/96 would interleave with the IPv4 ones; no ASN announces them.
      if (Long.compareUnsigned(h, 0) > 0) {
        table.add(h, l, asn);
      }
    }
    return table.build();
  }

  private static RangeTable readBlocks(InputStream raw) throws IOException {
    List<RangeTable.Block> blocks = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(new GZIPInputStream(raw, 1 << 16), StandardCharsets.US_ASCII))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          Cidr c = Cidr.parse(line);
          blocks.add(RangeTable.Block.of(c.network(), c.prefix(), 1));
        }
      }
    }
    return RangeTable.ofBlocks(blocks);
  }

  public EgressClass classify(String address) {
    if (address == null || address.isBlank()) {
      return EgressClass.unknown(address, "no egress address was recorded");
    }
    byte[] bytes;
    InetAddress inet;
    try {
      bytes = Cidr.literal(address);
      inet = InetAddress.getByAddress(bytes);
    } catch (IllegalArgumentException | IOException e) {
      return EgressClass.unknown(address, "not an IP address literal");
    }
    if (inet.isLoopbackAddress() || inet.isLinkLocalAddress() || inet.isAnyLocalAddress() || inet.isMulticastAddress()) {
      return EgressClass.unknown(address, "a loopback, link-local or multicast address: the report came through"
          + " a proxy that is not declared with --trusted-proxy, or from the collector's own host");
    }
    if (Cidr.isPrivate(bytes)) {
      return EgressClass.unknown(address, "a private (RFC 1918 / unique-local) address: the agent reached the"
          + " collector inside a private network, so its public egress is not known");
    }
    if (RESERVED.stream().anyMatch(c -> c.contains(bytes))) {
      return EgressClass.unknown(address, "a reserved or carrier-grade NAT address, not a public egress");
    }
    int asn = asns.valueAt(bytes);
    EgressClass.HostingList hosting = vpn.valueAt(bytes) != 0 ? EgressClass.HostingList.VPN
        : datacenter.valueAt(bytes) != 0 ? EgressClass.HostingList.DATACENTER : null;
    return new EgressClass(address, countryOf(inet), Integer.toUnsignedLong(asn), asn == 0 ? null : orgs.get(asn),
        hosting, null);
  }

  private String countryOf(InetAddress inet) {
    try {
      Map<?, ?> row = country.get(inet, Map.class);
      return row == null ? null : (String) row.get("country_code");
    } catch (IOException e) {
      throw new UncheckedIOException("the in-memory country database failed to read: " + e.getMessage(), e);
    }
  }
}
