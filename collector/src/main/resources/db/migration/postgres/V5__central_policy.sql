-- The collector's policy key: one row, created by the first collector to start, so every collector
-- sharing the database signs with the same key (docs/collector.md, "Central policy").
CREATE TABLE policy_key (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  private_key  BYTEA NOT NULL,
  public_key   TEXT NOT NULL,
  created_at   BIGINT NOT NULL
);

-- Every policy version ever issued, as signed; the current one is the highest version.
CREATE TABLE policies (
  version      BIGINT PRIMARY KEY,
  signed       TEXT NOT NULL,
  issued_at    BIGINT NOT NULL,
  actor_id     TEXT NOT NULL
);
