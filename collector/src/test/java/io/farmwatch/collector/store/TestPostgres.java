package io.farmwatch.collector.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The real PostgreSQL server that {@code scripts/test} starts. Each caller gets a database of its
 * own, so tests never see each other's rows.
 */
public final class TestPostgres {

  private TestPostgres() {}

  public static String adminUrl() {
    String url = System.getenv("FARMWATCH_TEST_PG_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("FARMWATCH_TEST_PG_URL is not set: run the suite with scripts/test,"
          + " which starts a private PostgreSQL server, or point it at one you started");
    }
    return url;
  }

  /** Creates an empty database and returns its JDBC URL. */
  public static String freshDatabase() {
    String admin = adminUrl();
    String name = "fw_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database at " + admin + ": " + e.getMessage(), e);
    }
    return admin.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
  }
}
