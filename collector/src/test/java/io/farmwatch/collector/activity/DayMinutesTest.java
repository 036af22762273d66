package io.farmwatch.collector.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DayMinutesTest {

  @Test
  void storedFormRoundTripsEveryMinute() {
    Random r = new Random(7);
    for (int run = 0; run < 50; run++) {
      int[] minutes = r.ints(r.nextInt(300), 0, DayMinutes.MINUTES).toArray();
      DayMinutes d = DayMinutes.of(minutes);
      byte[] bytes = d.toBytes();
      assertThat(bytes).hasSize(180);
      assertThat(DayMinutes.fromBytes(bytes)).isEqualTo(d);
      assertThat(DayMinutes.fromBytes(bytes).minutes().toArray())
          .containsExactly(java.util.Arrays.stream(minutes).distinct().sorted().toArray());
    }
  }

  @Test
  void minuteLayoutIsTheDocumentedOne() {
    byte[] bytes = DayMinutes.of(0, 9, 1439).toBytes();
    assertThat(bytes[0]).isEqualTo((byte) 1);
    assertThat(bytes[1]).isEqualTo((byte) 2);
    assertThat(bytes[179]).isEqualTo((byte) 0x80);
  }

  @Test
  void mergeIsTheUnion() {
    DayMinutes a = DayMinutes.of(1, 2, 3);
    DayMinutes b = DayMinutes.of(3, 4);
    assertThat(a.or(b).minutes().toArray()).containsExactly(1, 2, 3, 4);
    assertThat(a.with(700).count()).isEqualTo(4);
    assertThat(a.count()).isEqualTo(3);
  }

  @Test
  void refusesWhatIsNotADay() {
    assertThatThrownBy(() -> DayMinutes.fromBytes(new byte[179])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("180 bytes");
    assertThatThrownBy(() -> DayMinutes.of(1440)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DayMinutes.EMPTY.with(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(DayMinutes.fromBytes(null)).isEqualTo(DayMinutes.EMPTY);
  }
}
