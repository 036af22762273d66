package io.farmwatch.collector.activity;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A set of minutes of one UTC day (0 to 1439), kept as 1,440 bits. Stored as {@link #BYTES} bytes,
 * minute {@code m} in bit {@code m % 8} of byte {@code m / 8}, so a device-day of three kinds of
 * marks costs 540 bytes however busy the day was.
 *
 * <p>Immutable: {@link #with} and {@link #or} return new sets.
 */
public final class DayMinutes {

  public static final int MINUTES = 1440;
  public static final int BYTES = MINUTES / 8;
  /** Longs holding a day's minutes, minute {@code m} in bit {@code m % 64} of long {@code m / 64}. */
  public static final int WORDS = (MINUTES + 63) / 64;
  public static final DayMinutes EMPTY = new DayMinutes(new long[WORDS]);

  private final long[] words;

  private DayMinutes(long[] words) {
    this.words = words;
  }

  /**
   * Reads the stored form. A null, empty or wrongly sized blob (a row written by hand or by another
   * version) is refused rather than guessed at.
   */
  public static DayMinutes fromBytes(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return EMPTY;
    }
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException("a day of minutes is " + BYTES + " bytes, not " + bytes.length);
    }
    long[] w = new long[WORDS];
    for (int i = 0; i < BYTES; i++) {
      w[i / 8] |= (bytes[i] & 0xFFL) << (8 * (i % 8));
    }
    return new DayMinutes(w);
  }

  public static DayMinutes of(int... minutes) {
    long[] w = new long[WORDS];
    for (int m : minutes) {
      check(m);
      w[m >>> 6] |= 1L << (m & 63);
    }
    return new DayMinutes(w);
  }

  public byte[] toBytes() {
    byte[] out = new byte[BYTES];
    for (int i = 0; i < BYTES; i++) {
      out[i] = (byte) (words[i / 8] >>> (8 * (i % 8)));
    }
    return out;
  }

  /** Copies the day's {@link #WORDS} longs into {@code dest} from {@code offset}. */
  public void copyWords(long[] dest, int offset) {
    System.arraycopy(words, 0, dest, offset, WORDS);
  }

  public boolean contains(int minute) {
    check(minute);
    return (words[minute >>> 6] & (1L << (minute & 63))) != 0;
  }

  public DayMinutes with(int minute) {
    check(minute);
    long[] w = words.clone();
    w[minute >>> 6] |= 1L << (minute & 63);
    return new DayMinutes(w);
  }

  public DayMinutes or(DayMinutes other) {
    long[] w = new long[WORDS];
    for (int i = 0; i < WORDS; i++) {
      w[i] = words[i] | other.words[i];
    }
    return new DayMinutes(w);
  }

  public int count() {
    int n = 0;
    for (long w : words) {
      n += Long.bitCount(w);
    }
    return n;
  }

  public boolean isEmpty() {
    return count() == 0;
  }

  /** The minutes in the set, ascending. */
  public IntStream minutes() {
    return IntStream.range(0, MINUTES).filter(this::contains);
  }

  private static void check(int minute) {
    if (minute < 0 || minute >= MINUTES) {
      throw new IllegalArgumentException("minute of the day out of range: " + minute);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DayMinutes d && Arrays.equals(words, d.words);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(words);
  }

  @Override
  public String toString() {
    return count() + " minutes";
  }
}
