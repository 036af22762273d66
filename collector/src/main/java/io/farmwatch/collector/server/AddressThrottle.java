package io.farmwatch.collector.server;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: {@code capacity} attempts at once, then {@code perSecond}.
 * IPv6 clients are grouped by /64, the block one host usually holds, so rotating addresses within
 * it buys nothing. At most {@code maxAddresses} buckets are kept, least recently used dropped first:
 * a dropped bucket only starts full again, and memory stays bounded however many addresses call.
 */
final class AddressThrottle {

  /**
   * @param retryAfterSeconds 0 when the attempt may go ahead, else when to come back
   * @param firstRefusal true for the first refusal since the address was last let through, so a
   *     flood is logged once, not per request
   */
  record Decision(long retryAfterSeconds, boolean firstRefusal) {
    boolean allowed() {
      return retryAfterSeconds == 0;
    }
  }

  private static final class Bucket {
    double tokens;
    long updatedNanos;
    boolean refusing;
  }

  private final int capacity;
  private final double perSecond;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets;

  AddressThrottle(int capacity, double perSecond, int maxAddresses, LongSupplier nanoTime) {
    this.capacity = capacity;
    this.perSecond = perSecond;
    this.nanoTime = nanoTime;
    this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
        return size() > maxAddresses;
      }
    };
  }

  /** Takes one attempt from the address's bucket, or says how long until there is one. */
  synchronized Decision take(String address) {
    long now = nanoTime.getAsLong();
    Bucket b = buckets.computeIfAbsent(group(address), k -> {
      Bucket fresh = new Bucket();
      fresh.tokens = capacity;
      fresh.updatedNanos = now;
      return fresh;
    });
    b.tokens = Math.min(capacity, b.tokens + (now - b.updatedNanos) / 1e9 * perSecond);
    b.updatedNanos = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      b.refusing = false;
      return new Decision(0, false);
    }
    boolean first = !b.refusing;
    b.refusing = true;
    return new Decision(Math.max(1, (long) Math.ceil((1 - b.tokens) / perSecond)), first);
  }

  /** Returns an attempt that turned out well, so good clients are never slowed by their own success. */
  synchronized void giveBack(String address) {
    Bucket b = buckets.get(group(address));
    if (b != null) {
      b.tokens = Math.min(capacity, b.tokens + 1);
    }
  }

  synchronized int size() {
    return buckets.size();
  }

  private static String group(String address) {
    byte[] bytes;
    try {
      bytes = Cidr.literal(address);
    } catch (IllegalArgumentException e) {
      return "?";
    }
    return HexFormat.of().formatHex(bytes.length == 16 ? Arrays.copyOf(bytes, 8) : bytes);
  }
}
