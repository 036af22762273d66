package io.farmwatch.collector.server;

import io.farmwatch.collector.net.Cidr;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: {@code capacity} failures at once, then {@code perSecond}.
 * Only failures are charged, so an office enrolling many laptops at once through one NAT address is
 * never slowed by its own successes; failures already in flight when the bucket runs dry may take
 * it below zero, and the address then waits that debt off.
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

  /** Whether the address may try now (its bucket holds a whole token), or how long until it may. */
  synchronized Decision admit(String address) {
    Bucket b = refilled(address);
    if (b.tokens >= 1) {
      b.refusing = false;
      return new Decision(0, false);
    }
    boolean first = !b.refusing;
    b.refusing = true;
    return new Decision(Math.max(1, (long) Math.ceil((1 - b.tokens) / perSecond)), first);
  }

  /** Charges the address for an attempt that failed. */
  synchronized void charge(String address) {
    refilled(address).tokens -= 1;
  }

  private Bucket refilled(String address) {
    long now = nanoTime.getAsLong();
    Bucket b = buckets.computeIfAbsent(group(address), k -> {
      Bucket fresh = new Bucket();
      fresh.tokens = capacity;
      fresh.updatedNanos = now;
      return fresh;
    });
    b.tokens = Math.min(capacity, b.tokens + (now - b.updatedNanos) / 1e9 * perSecond);
    b.updatedNanos = now;
    return b;
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
