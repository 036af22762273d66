package io.farmwatch.protocol;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.time.Instant;

/**
 * The one JSON configuration both ends use, so agent output and collector input cannot drift.
 *
 * <p>Readers tolerate unknown fields and unknown enum values, because newer agents report to older
 * collectors. Parser limits are tight because every byte reaching the collector is untrusted.
 */
public final class ProtocolJson {

  private static final ObjectMapper MAPPER = build();

  private ProtocolJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  private static ObjectMapper build() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxNumberLength(64)
                    .maxStringLength(ProtocolLimits.MAX_ENVELOPE_BYTES)
                    .maxNameLength(256)
                    .build())
            .build();
    return JsonMapper.builder(factory)
        // Reports carry an Instant per process; the generic ISO parser made them a quarter of the
        // collector's report-binding time.
        .addModule(new SimpleModule("farmwatch-instants")
            .addSerializer(Instant.class, new IsoInstantSerializer())
            .addDeserializer(Instant.class, new UtcInstantDeserializer()))
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        // Integers only where integers are meant: "v":2.0 or a sequence of 5.9 is refused, not cut.
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .build();
  }
}
