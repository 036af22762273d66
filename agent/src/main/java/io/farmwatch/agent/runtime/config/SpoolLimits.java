package io.farmwatch.agent.runtime.config;

/** How much the offline spool may hold before it drops its oldest reports. */
public record SpoolLimits(long maxBytes, int maxReports) {

  public static final SpoolLimits DEFAULT = new SpoolLimits(50L * 1024 * 1024, 2016);
}
