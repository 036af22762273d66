package io.farmwatch.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Writes an instant as ISO-8601 in UTC ({@code 2026-11-24T12:00:00.123456Z}), exactly as Jackson's
 * java.time module does with timestamps disabled. Instants are the only java.time values the wire
 * format and the API carry, and the whole module would be some 60 more classes resident in every
 * agent.
 */
final class IsoInstantSerializer extends StdScalarSerializer<Instant> {

  IsoInstantSerializer() {
    super(Instant.class);
  }

  @Override
  public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
    gen.writeString(value.toString());
  }
}
