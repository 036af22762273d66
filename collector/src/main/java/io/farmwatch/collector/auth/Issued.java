package io.farmwatch.collector.auth;

/** A newly made token or key: what is stored, and the secret, which is shown once and never stored. */
public record Issued<T>(T stored, String secret) {}
