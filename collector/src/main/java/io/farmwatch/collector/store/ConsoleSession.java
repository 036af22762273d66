package io.farmwatch.collector.store;

import java.time.Instant;

/** A console sign-in as stored: hashes of its cookie and of the API key behind it, never either secret. */
public record ConsoleSession(String cookieHash, String keyHash, String csrfToken, Instant createdAt,
    Instant lastUsed) {}
