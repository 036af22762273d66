package io.farmwatch.collector.server;

import io.farmwatch.collector.net.Cidr;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the collector serves.
 *
 * @param tlsCertificate PEM certificate chain, or null for plain HTTP
 * @param allowPlainHttp plain HTTP on a non-loopback address; off by default
 */
public record ServerSettings(
    String host, int port, Path tlsCertificate, Path tlsKey, boolean allowPlainHttp,
    List<Cidr> trustedProxies, Duration maxClockSkew, Duration maxReportAge) {}
