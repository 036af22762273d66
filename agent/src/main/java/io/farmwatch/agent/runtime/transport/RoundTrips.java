package io.farmwatch.agent.runtime.transport;

import io.farmwatch.protocol.report.CollectorRtt;
import java.util.Arrays;

/**
 * Round trips to the collector measured since the last report took them. Bounded: a drain of a
 * long spool measures one handshake per fresh connection, and past {@value #MAX_SAMPLES} samples
 * only the smallest are kept, which is all the minimum needs and costs the median little.
 */
final class RoundTrips {

  static final int MAX_SAMPLES = 64;

  private final long[] micros = new long[MAX_SAMPLES];
  private int count;

  synchronized void add(long nanos) {
    long sample = Math.max(1, nanos / 1000);
    if (count < MAX_SAMPLES) {
      micros[count++] = sample;
      return;
    }
    int largest = 0;
    for (int i = 1; i < count; i++) {
      largest = micros[i] > micros[largest] ? i : largest;
    }
    micros[largest] = Math.min(micros[largest], sample);
  }

  /** The minimum and (lower) median since the last call, or null when nothing was measured. */
  synchronized CollectorRtt take() {
    if (count == 0) {
      return null;
    }
    long[] sorted = Arrays.copyOf(micros, count);
    Arrays.sort(sorted);
    CollectorRtt rtt = new CollectorRtt(clamp(sorted[0]), clamp(sorted[(count - 1) / 2]), count);
    count = 0;
    return rtt;
  }

  private static int clamp(long micros) {
    return (int) Math.min(Integer.MAX_VALUE, micros);
  }
}
