-- Console sign-ins (collector.auth.Sessions), kept here so that every collector sharing the database
-- serves every session and a restart signs nobody out. Only hashes of the cookie and of the key
-- behind it; last_used moves at most once a minute.
CREATE TABLE console_sessions (
  cookie_hash TEXT PRIMARY KEY,
  key_hash    TEXT NOT NULL,
  csrf_token  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  last_used   INTEGER NOT NULL
);
CREATE INDEX console_sessions_last_used ON console_sessions(last_used);
