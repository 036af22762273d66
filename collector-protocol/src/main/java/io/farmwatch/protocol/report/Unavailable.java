package io.farmwatch.protocol.report;

/**
 * A value the agent looked for and could not read, instead of a made-up placeholder.
 *
 * @param field dotted path of the missing field in the report, e.g. {@code hardware.serial}
 * @param source where it was looked for, e.g. {@code /sys/class/dmi/id/product_serial}
 * @param reason why it is missing, e.g. {@code permission denied (readable by root only)}
 */
public record Unavailable(String field, String source, String reason) {}
