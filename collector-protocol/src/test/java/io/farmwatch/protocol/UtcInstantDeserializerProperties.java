package io.farmwatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class UtcInstantDeserializerProperties {

  @Property(tries = 2000)
  void fastPathAgreesWithTheJdkParser(
      @ForAll @LongRange(min = 0, max = 253_402_300_799L) long epochSecond,
      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
      @ForAll @IntRange(min = 0, max = 9) int fractionDigits) {
    String text = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(epochSecond, nanos));
    // Re-cut the fraction to the chosen width so every precision the agents may write is covered.
    String base = text.substring(0, 19);
    String fraction = String.format("%09d", nanos).substring(0, fractionDigits);
    String candidate = base + (fractionDigits == 0 ? "" : "." + fraction) + "Z";
    assertThat(UtcInstantDeserializer.parseUtc(candidate)).isEqualTo(Instant.parse(candidate));
  }

  @Example
  void impossibleDatesAreNotAcceptedByTheFastPath() {
    assertThat(UtcInstantDeserializer.parseUtc("2026-02-30T00:00:00Z")).isNull();
    assertThat(UtcInstantDeserializer.parseUtc("2026-11-24T24:00:00Z")).isNull();
    assertThat(UtcInstantDeserializer.parseUtc("2026-11-24T12:00:00.1234567890Z")).isNull();
    assertThat(UtcInstantDeserializer.parseUtc("2026-11-24T12:00:00+01:00")).isNull();
  }

  @Example
  void otherIsoFormsStillParseAndGarbageIsATypedError() throws Exception {
    var reader = ProtocolJson.mapper().readerFor(Instant.class);
    assertThat((Instant) reader.readValue("\"2026-11-24T12:00:00.5Z\""))
        .isEqualTo(Instant.parse("2026-11-24T12:00:00.500Z"));
    assertThatThrownBy(() -> reader.readValue("\"yesterday\"")).isInstanceOf(InvalidFormatException.class);
    assertThatThrownBy(() -> reader.readValue("12345")).isInstanceOf(MismatchedInputException.class);
  }
}
