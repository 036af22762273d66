package io.farmwatch.collector.api;

import io.farmwatch.collector.correlate.AlertKind;
import io.farmwatch.collector.correlate.AlertStatus;
import io.farmwatch.collector.store.AlertCursor;
import io.farmwatch.collector.store.AlertCursors;
import io.farmwatch.collector.store.AlertQuery;
import io.farmwatch.collector.store.AlertSort;
import io.farmwatch.collector.store.InvalidAlertQuery;
import io.farmwatch.protocol.report.Severity;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the query parameters of {@code GET /api/v1/alerts} and {@code /alerts/counts} into an
 * {@link AlertQuery}. Anything it cannot read is an {@link InvalidAlertQuery} naming the parameter,
 * unknown parameters included, so a misspelt filter is an error rather than a silently wider list.
 */
final class AlertQueryParameters {

  private static final Set<String> FILTERS =
      Set.of("status", "kind", "severity", "minSeverity", "device", "updatedSince", "from", "to");
  private static final Set<String> PAGING = Set.of("sort", "cursor", "limit");
  /** Longest value of a single-valued parameter other than the cursor. */
  private static final int MAX_VALUE = 128;

  private AlertQueryParameters() {}

  /** A page of the list: filters, order, cursor and limit. */
  static AlertQuery page(Map<String, List<String>> params, AlertCursors cursors, int defaultLimit) {
    check(params, true);
    AlertSort sort = one(params, "sort", v -> parseEnum("sort", AlertSort.class, v), AlertSort.NEWEST);
    AlertCursor cursor = one(params, "cursor", v -> cursors.decode(v, sort), null);
    int limit = one(params, "limit", v -> integer("limit", v), defaultLimit);
    return query(params, sort, cursor, limit);
  }

  /** Only the filters, for counting. */
  static AlertQuery filters(Map<String, List<String>> params) {
    check(params, false);
    return query(params, AlertSort.NEWEST, null, 1);
  }

  private static AlertQuery query(Map<String, List<String>> params, AlertSort sort, AlertCursor cursor, int limit) {
    Set<String> statuses = many(params, "status", v -> parseEnum("status", AlertStatus.class, v).name());
    Set<String> kinds = many(params, "kind", v -> parseEnum("kind", AlertKind.class, v).name());
    Set<Severity> severities = EnumSet.noneOf(Severity.class);
    severities.addAll(many(params, "severity", v -> parseEnum("severity", Severity.class, v)));
    Severity min = one(params, "minSeverity", v -> parseEnum("minSeverity", Severity.class, v), null);
    if (min != null) {
      Set<Severity> atLeast = EnumSet.range(min, Severity.CRITICAL);
      if (severities.isEmpty()) {
        severities = atLeast;
      } else {
        severities.retainAll(atLeast);
        if (severities.isEmpty()) {
          throw new InvalidAlertQuery("minSeverity", "excludes every severity asked for");
        }
      }
    }
    return new AlertQuery(statuses, kinds, severities, one(params, "device", v -> v, null),
        one(params, "updatedSince", v -> instant("updatedSince", v), null),
        one(params, "from", v -> instant("from", v), null), one(params, "to", v -> instant("to", v), null),
        sort, cursor, limit);
  }

  private static void check(Map<String, List<String>> params, boolean paging) {
    for (String name : params.keySet()) {
      if (!FILTERS.contains(name) && !(paging && PAGING.contains(name))) {
        // The name is the client's own: cut, so an answer never carries much of what it chose.
        throw new InvalidAlertQuery(name.length() > 32 ? name.substring(0, 32) + "…" : name,
            "is not a parameter here; they are " + (paging ? "sort, cursor, limit and " : "") + FILTERS);
      }
    }
  }

  private static <T> T one(Map<String, List<String>> params, String name, Function<String, T> parse, T fallback) {
    List<String> values = params.get(name);
    if (values == null || values.isEmpty()) {
      return fallback;
    }
    if (values.size() > 1) {
      throw new InvalidAlertQuery(name, "is given more than once");
    }
    String value = values.get(0);
    if (value.isEmpty() || (value.length() > MAX_VALUE && !name.equals("cursor"))) {
      throw new InvalidAlertQuery(name, "must be 1 to " + MAX_VALUE + " characters");
    }
    return parse.apply(value);
  }

  /** Values of a parameter given as a comma-separated list, repeated, or both. */
  private static <T> Set<T> many(Map<String, List<String>> params, String name, Function<String, T> parse) {
    Set<T> out = new LinkedHashSet<>();
    for (String value : params.getOrDefault(name, List.of())) {
      if (value.length() > AlertQuery.MAX_VALUES * (MAX_VALUE + 1)) {
        throw new InvalidAlertQuery(name, "is too long");
      }
      for (String item : value.split(",", -1)) {
        out.add(parse.apply(item));
        if (out.size() > AlertQuery.MAX_VALUES) {
          throw new InvalidAlertQuery(name, "takes at most " + AlertQuery.MAX_VALUES + " values");
        }
      }
    }
    return out;
  }

  private static <E extends Enum<E>> E parseEnum(String name, Class<E> type, String value) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(value)) {
        return e;
      }
    }
    throw new InvalidAlertQuery(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
  }

  private static int integer(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new InvalidAlertQuery(name, "must be an integer from 1 to " + AlertQuery.MAX_LIMIT);
    }
  }

  private static Instant instant(String name, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidAlertQuery(name, "must be an ISO-8601 UTC time such as 2026-12-01T09:00:00Z");
    }
  }
}
