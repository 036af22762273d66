package io.farmwatch.protocol.limits;

/**
 * The first limit or syntax rule a report breaks.
 *
 * @param field the concrete path of the offending value, e.g. {@code findings[0].name}
 * @param overLimit true when a size limit is broken ({@code limit_exceeded}), false when a value's
 *     form is wrong ({@code invalid_field})
 * @param message what is wrong, starting with the field
 */
public record LimitViolation(String field, boolean overLimit, String message) {}
