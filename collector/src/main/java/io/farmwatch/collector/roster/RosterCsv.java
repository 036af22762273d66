package io.farmwatch.collector.roster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a roster CSV: a header row naming the columns {@code device} (a device ID or serial),
 * {@code employee}, and optionally {@code country}, {@code region}, {@code timezone}, {@code city}, in any
 * order. Every bad line is reported with its number; good lines still load.
 */
public final class RosterCsv {

  /** A line that could not be used. */
  public record LineError(int line, String reason) {}

  /** What was read. */
  public record Result(List<RosterEntry> entries, List<LineError> errors) {}

  private RosterCsv() {}

  public static Result parse(Reader reader) throws IOException {
    List<RosterEntry> entries = new ArrayList<>();
    List<LineError> errors = new ArrayList<>();
    BufferedReader in = new BufferedReader(reader);
    String header = in.readLine();
    if (header == null) {
      errors.add(new LineError(1, "the file is empty; expected a header row"));
      return new Result(entries, errors);
    }
    List<String> columns = split(header.replace("\uFEFF", "")).stream()
        .map(c -> c.strip().toLowerCase(Locale.ROOT)).toList();
    int device = columns.indexOf("device");
    int employee = columns.indexOf("employee");
    if (device < 0 || employee < 0) {
      errors.add(new LineError(1, "the header must name the columns 'device' and 'employee'"));
      return new Result(entries, errors);
    }
    int country = columns.indexOf("country");
    int region = columns.indexOf("region");
    int timezone = columns.indexOf("timezone");
    int city = columns.indexOf("city");
    String line;
    int number = 1;
    while ((line = in.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      List<String> cells = split(line);
      if (cells.size() != columns.size()) {
        errors.add(new LineError(number, "has " + cells.size() + " fields, the header has " + columns.size()));
        continue;
      }
      String tz = cell(cells, timezone);
      if (tz != null) {
        try {
          java.time.ZoneId.of(tz);
        } catch (RuntimeException e) {
          errors.add(new LineError(number, "'" + tz + "' is not an IANA time zone"));
          continue;
        }
      }
      String key = cell(cells, device);
      String who = cell(cells, employee);
      if (key == null || who == null) {
        errors.add(new LineError(number, "device and employee must not be empty"));
        continue;
      }
      entries.add(new RosterEntry(key, who, cell(cells, country), cell(cells, region), tz, cell(cells, city)));
    }
    return new Result(entries, errors);
  }

  private static String cell(List<String> cells, int index) {
    if (index < 0) {
      return null;
    }
    String v = cells.get(index).strip();
    return v.isEmpty() ? null : v;
  }

  /** RFC 4180 fields: commas, and double quotes around fields that contain them. */
  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    out.add(field.toString());
    return out;
  }
}
