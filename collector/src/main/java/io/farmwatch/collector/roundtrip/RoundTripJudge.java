package io.farmwatch.collector.roundtrip;

import io.farmwatch.collector.roundtrip.RoundTripLedger.SiteMinimum;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Compares a device's minimum round trips with what its claimed city allows. A claim the
 * gazetteer places several times (two Austins in the US without a region) is judged generously:
 * only a round trip no candidate allows counts. With several collector sites the places every
 * round trip allows are intersected over the gazetteer, to say where the device could be.
 *
 * @param minDays a site's minimum counts once it was held over this many UTC days
 */
public record RoundTripJudge(RoundTripModel model, Gazetteer gazetteer, int minDays) {

  public RoundTripJudge {
    if (minDays < 1 || minDays > RoundTripLedger.KEEP_DAYS) {
      throw new IllegalArgumentException("round-trip minimum days must lie in 1-" + RoundTripLedger.KEEP_DAYS);
    }
  }

  public Optional<RoundTripVerdict> judge(List<City> claimed, List<SiteMinimum> minima) {
    List<SiteMinimum> held = minima.stream().filter(m -> m.days() >= minDays).toList();
    if (claimed.isEmpty() || held.isEmpty()) {
      return Optional.empty();
    }
    String place = claimed.size() == 1 ? claimed.get(0).label()
        : claimed.get(0).name() + ", " + claimed.get(0).country() + " (any of " + claimed.size() + " places so named)";
    List<String> far = new ArrayList<>();
    List<String> near = new ArrayList<>();
    for (SiteMinimum m : held) {
      double most = claimed.stream().mapToDouble(c -> model.ceilingMs(c.at().distanceKm(m.site().at()))).max().orElseThrow();
      double least = claimed.stream().mapToDouble(c -> model.floorMs(c.at().distanceKm(m.site().at()))).min().orElseThrow();
      String measured = String.format(Locale.ROOT, "a minimum of %s over %d days to the %s collector",
          ms(m.minMs()), m.days(), m.site().name());
      if (m.minMs() > most) {
        far.add(measured + "; " + place + " allows at most " + ms(most));
      } else if (m.minMs() < least) {
        double km = claimed.stream().mapToDouble(c -> c.at().distanceKm(m.site().at())).min().orElseThrow();
        near.add(measured + "; " + place + " is " + String.format(Locale.ROOT, "%,.0f", km)
            + " km away, which light in fibre needs at least " + ms(least) + " for");
      }
    }
    if (far.isEmpty() && near.isEmpty()) {
      return Optional.empty();
    }
    // Too near is physics and outranks too far, which slack and congestion can also explain.
    RoundTripVerdict.Finding finding = near.isEmpty() ? RoundTripVerdict.Finding.TOO_FAR : RoundTripVerdict.Finding.TOO_NEAR;
    return Optional.of(new RoundTripVerdict(finding, near.isEmpty() ? far : near,
        held.size() < 2 ? null : intersection(held)));
  }

  /**
   * Where every site's round trip fits, named by the gazetteer city that uses the least of the
   * sites' reaches altogether (the sum of each distance's share of its reach), so a tight, near
   * collector weighs more than a far one.
   */
  String intersection(List<SiteMinimum> held) {
    City best = null;
    double bestScore = Double.MAX_VALUE;
    int count = 0;
    for (City c : gazetteer.all()) {
      double score = 0;
      boolean fits = true;
      for (SiteMinimum m : held) {
        double d = c.at().distanceKm(m.site().at());
        double lo = model.minKm(m.minMs());
        double hi = model.maxKm(m.minMs());
        if (d < lo || d > hi) {
          fits = false;
          break;
        }
        score += d / hi;
      }
      if (fits) {
        count++;
        if (score < bestScore) {
          bestScore = score;
          best = c;
        }
      }
    }
    if (best == null) {
      return "No place fits the round trips to all " + held.size()
          + " collectors at once: some paths run through a relay or tunnel";
    }
    return String.format(Locale.ROOT, "The round trips to all %d collectors fit %,d places, such as %s",
        held.size(), count, best.label());
  }

  private static String ms(double v) {
    return String.format(Locale.ROOT, "%.0f ms", v);
  }
}
