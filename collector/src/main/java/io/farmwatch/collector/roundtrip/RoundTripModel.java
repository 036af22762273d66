package io.farmwatch.collector.roundtrip;

/**
 * What physics lets a round trip be over a distance. Light in fibre covers about 200 km per
 * millisecond one way, so a round trip of m ms can span at most 100 × m km: nothing makes it
 * faster. Real paths add detours and the last mile, so the most a distance allows is
 * {@code routeFactor} times the fibre time plus {@code lastMileMs}. docs/collector.md, "Round-trip
 * physics", gives the reasoning and the false-positive sources.
 *
 * @param lastMileMs what access networks, Wi-Fi and the collector's own handling add at most
 * @param routeFactor how much longer than the great circle real routes run at most
 * @param cityRadiusKm how far from a gazetteer point a claimed city's homes may lie
 */
public record RoundTripModel(double lastMileMs, double routeFactor, double cityRadiusKm) {

  public static final double KM_PER_MS = 100.0;
  public static final RoundTripModel DEFAULT = new RoundTripModel(25, 2.0, 50);

  public RoundTripModel {
    if (!(lastMileMs >= 0 && lastMileMs <= 500) || !(routeFactor >= 1 && routeFactor <= 10)
        || !(cityRadiusKm >= 0 && cityRadiusKm <= 1000)) {
      throw new IllegalArgumentException("round-trip slack out of range: last mile 0-500 ms, route factor 1-10,"
          + " city radius 0-1000 km");
    }
  }

  /** The least round trip a place this far can show: less proves it is nearer. */
  public double floorMs(double distanceKm) {
    return Math.max(0, distanceKm - cityRadiusKm) / KM_PER_MS;
  }

  /** The most round trip a place this far should show, slack included: more says farther or tunnelled. */
  public double ceilingMs(double distanceKm) {
    return (distanceKm + cityRadiusKm) * routeFactor / KM_PER_MS + lastMileMs;
  }

  /** Farthest a place can be from a collector it reaches in {@code minMs} at best. */
  public double maxKm(double minMs) {
    return minMs * KM_PER_MS + cityRadiusKm;
  }

  /** Nearest a place can be that still needs {@code minMs} at best, granting the whole slack. */
  public double minKm(double minMs) {
    return Math.max(0, (minMs - lastMileMs) * KM_PER_MS / routeFactor - cityRadiusKm);
  }
}
