package io.farmwatch.collector.store;

/**
 * The right to be the one collector that correlates the fleet. SQLite has one collector per
 * database, so it always holds it; PostgreSQL grants it to one session at a time with an advisory
 * lock that the server drops when that session's connection ends (a collector killed, its host gone).
 */
public interface CorrelatorLease extends AutoCloseable {

  /** Takes the lease if no other collector holds it; true when this collector now holds it. */
  boolean tryAcquire();

  /** Whether the lease is still this collector's: false once its connection to the database is lost. */
  boolean held();

  /** Gives the lease up. */
  @Override
  void close();
}
