package io.farmwatch.agent.runtime.transport;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Where and how to reach the collector.
 *
 * @param pinnedCertificatePem PEM of the pinned CA/certificate, or null for system trust
 * @param timeout how long one connect or read may wait
 * @param deadline how long one whole request may take
 */
public record CollectorSettings(
    URI url, boolean allowPlainHttp, String pinnedCertificatePem, Duration timeout, Duration deadline) {

  /** Checks the transport policy and builds the client. */
  public CollectorClient connect() throws PlainHttpRefusedException, IOException {
    URI checked = TransportPolicy.check(url, allowPlainHttp);
    SSLContext ssl = pinnedCertificatePem == null ? null : PinnedTrust.fromPem(pinnedCertificatePem);
    return new CollectorClient(checked, ssl, timeout, deadline);
  }
}
