package io.farmwatch.collector.alert.sink;

import io.farmwatch.collector.correlate.Alert;
import io.farmwatch.collector.correlate.Evidence;
import java.io.IOException;
import java.util.List;

/**
 * Renders an alert for one sink within that sink's size limit. An alert over the limit (a farm with
 * 20,000 made-up gateway MACs) is shortened, never dropped silently: fewer devices and evidence
 * entries, long texts cut with an ellipsis, and {@link #MARKER} with the counts in the summary.
 */
public final class BoundedMessage {

  /** Ends the summary of every shortened alert. */
  public static final String MARKER = "[FarmWatch: alert shortened to fit this sink; the collector's API has it whole]";

  /** The most list entries kept at the first try; each further try halves it. */
  private static final int FIRST_KEEP = 256;

  /** Characters kept of each text per list entry kept. */
  private static final int CHARS_PER_KEEP = 8;

  /** Turns a clean alert into the sink's bytes. */
  @FunctionalInterface
  public interface Renderer {
    byte[] render(Alert alert) throws IOException;
  }

  private BoundedMessage() {}

  /**
   * The alert's text {@linkplain SinkText#clean cleaned}, rendered, and shortened until it fits.
   *
   * @throws PermanentSinkFailure {@code too_large} when even the bare alert (id, kind, marker) does not fit
   */
  public static byte[] render(Alert alert, int maxBytes, Renderer renderer) throws IOException {
    Alert clean = SinkText.clean(alert);
    byte[] message = renderer.render(clean);
    for (int keep = FIRST_KEEP; message.length > maxBytes && keep >= 0; keep = keep > 1 ? keep / 2 : keep - 1) {
      message = renderer.render(shorten(clean, keep));
    }
    if (message.length > maxBytes) {
      throw new PermanentSinkFailure("too_large",
          "alert " + clean.id() + " does not fit in " + maxBytes + " bytes even without its evidence");
    }
    return message;
  }

  /** At most {@code keep} devices and evidence entries, texts cut to {@code keep * 8} characters. */
  static Alert shorten(Alert a, int keep) {
    int chars = keep * CHARS_PER_KEEP;
    List<Evidence> evidence = a.evidence().stream().limit(keep).map(e -> new Evidence(e.signal(),
        e.strength(), cut(e.value(), chars), e.deviceIds().stream().limit(keep).toList(), e.firstSeen(),
        e.lastSeen(), cut(e.detail(), chars))).toList();
    List<String> devices = a.deviceIds().stream().limit(keep).toList();
    String summary = (keep == 0 ? "" : cut(a.summary(), chars) + " ") + MARKER + " (" + devices.size() + " of "
        + a.deviceIds().size() + " devices, " + evidence.size() + " of " + a.evidence().size() + " evidence entries)";
    return new Alert(a.id(), a.kind(), a.severity(), a.score(), devices, evidence, summary, a.firstSeen(),
        a.lastSeen());
  }

  private static String cut(String s, int chars) {
    if (s == null || s.length() <= chars) {
      return s;
    }
    int end = chars > 0 && Character.isHighSurrogate(s.charAt(chars - 1)) ? chars - 1 : chars;
    return s.substring(0, end) + "…";
  }
}
