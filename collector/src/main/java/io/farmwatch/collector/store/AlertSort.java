package io.farmwatch.collector.store;

/** The orders an alert list comes in; ties end on the alert ID, so every order is total. */
public enum AlertSort {
  /** Most recently seen first. */
  NEWEST,
  /** Most severe first, then most recently seen. */
  SEVERITY
}
