package io.farmwatch.collector.egress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Address ranges and a value for each, searched by binary search. IPv4 addresses live at
 * {@code ::ffff:a.b.c.d} so one table of 128-bit starts holds both families; each start opens a
 * range that runs to the next start, and value 0 means "nothing here".
 */
final class RangeTable {

  private static final long V4_MAPPED = 0x0000_ffff_0000_0000L;

  private final long[] high;
  private final long[] low;
  private final int[] values;

  private RangeTable(long[] high, long[] low, int[] values) {
    this.high = high;
    this.low = low;
    this.values = values;
  }

  /** The value of the range holding {@code address} (4 or 16 bytes), 0 when none does. */
  int valueAt(byte[] address) {
    long h = high(address);
    long l = low(address);
    int lo = 0;
    int hi = high.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = compare(high[mid], low[mid], h, l);
      if (c <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? 0 : values[found];
  }

  int size() {
    return values.length;
  }

  static long high(byte[] address) {
    return address.length == 4 ? 0 : word(address, 0);
  }

  static long low(byte[] address) {
    if (address.length == 4) {
      return V4_MAPPED | (Integer.toUnsignedLong(((address[0] & 0xff) << 24) | ((address[1] & 0xff) << 16)
          | ((address[2] & 0xff) << 8) | (address[3] & 0xff)));
    }
    return word(address, 8);
  }

  private static long word(byte[] b, int from) {
    long w = 0;
    for (int i = from; i < from + 8; i++) {
      w = (w << 8) | (b[i] & 0xff);
    }
    return w;
  }

  private static int compare(long h1, long l1, long h2, long l2) {
    int c = Long.compareUnsigned(h1, h2);
    return c != 0 ? c : Long.compareUnsigned(l1, l2);
  }

  /** Collects ranges in ascending order of start, as a stored table lists them. */
  static final class Builder {
    private long[] high = new long[1024];
    private long[] low = new long[1024];
    private int[] values = new int[1024];
    private int size;

    void add(long h, long l, int value) {
      if (size > 0 && compare(high[size - 1], low[size - 1], h, l) >= 0) {
        throw new IllegalArgumentException("range starts must ascend");
      }
      if (size == values.length) {
        high = Arrays.copyOf(high, size * 2);
        low = Arrays.copyOf(low, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      high[size] = h;
      low[size] = l;
      values[size++] = value;
    }

    RangeTable build() {
      return new RangeTable(Arrays.copyOf(high, size), Arrays.copyOf(low, size), Arrays.copyOf(values, size));
    }
  }

  /** A table of blocks (network address and prefix), each carrying a value; overlaps keep the first listed. */
  static RangeTable ofBlocks(List<Block> blocks) {
    List<Block> sorted = new ArrayList<>(blocks);
    sorted.sort(Comparator.<Block, Long>comparing(b -> b.startHigh, Long::compareUnsigned)
        .thenComparing(b -> b.startLow, Long::compareUnsigned));
    Builder out = new Builder();
    long endH = 0;
    long endL = 0;
    boolean open = false;
    for (Block b : sorted) {
      if (open && compare(b.startHigh, b.startLow, endH, endL) <= 0) {
        // Overlapping: extend the open range when this one reaches further with the same value.
        if (compare(b.endHigh, b.endLow, endH, endL) > 0 && b.value == out.values[out.size - 1]) {
          endH = b.endHigh;
          endL = b.endLow;
        }
        continue;
      }
      if (open) {
        long nextL = endL + 1;
        long nextH = nextL == 0 ? endH + 1 : endH;
        if (compare(b.startHigh, b.startLow, nextH, nextL) > 0) {
          out.add(nextH, nextL, 0);
        } else if (b.value == out.values[out.size - 1]) {
          endH = b.endHigh; // adjacent and alike: one range
          endL = b.endLow;
          continue;
        }
      }
      out.add(b.startHigh, b.startLow, b.value);
      endH = b.endHigh;
      endL = b.endLow;
      open = true;
    }
    if (open && !(endH == -1L && endL == -1L)) {
      long nextL = endL + 1;
      out.add(nextL == 0 ? endH + 1 : endH, nextL, 0);
    }
    return out.build();
  }

  /** An address block as an inclusive range. */
  record Block(long startHigh, long startLow, long endHigh, long endLow, int value) {
    static Block of(byte[] network, int prefix, int value) {
      byte[] start = network.clone();
      byte[] end = network.clone();
      for (int bit = prefix; bit < network.length * 8; bit++) {
        int mask = 0x80 >>> (bit % 8);
        start[bit / 8] &= (byte) ~mask;
        end[bit / 8] |= (byte) mask;
      }
      return new Block(high(start), low(start), high(end), low(end), value);
    }
  }
}
