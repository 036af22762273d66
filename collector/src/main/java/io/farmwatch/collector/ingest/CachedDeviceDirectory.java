package io.farmwatch.collector.ingest;

import io.farmwatch.collector.store.DeviceRecord;
import io.farmwatch.collector.store.Storage;
import io.farmwatch.protocol.envelope.DeviceDirectory;
import io.farmwatch.protocol.envelope.DeviceKey;
import io.farmwatch.protocol.envelope.KnownDevice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Devices for the verifier, with their decoded keys cached: decoding a key costs about as much as
 * verifying a signature. Entries are re-read after a short time so a revocation made by another
 * collector process takes effect quickly. A stale sequence here is harmless: storage re-checks it
 * atomically.
 */
public final class CachedDeviceDirectory implements DeviceDirectory {

  static final Duration FRESHNESS = Duration.ofSeconds(10);

  private record Entry(KnownDevice device, Instant loadedAt) {}

  private final Storage storage;
  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

  public CachedDeviceDirectory(Storage storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  @Override
  public Optional<KnownDevice> find(String deviceId) {
    Instant now = clock.instant();
    Entry entry = cache.get(deviceId);
    if (entry != null && entry.loadedAt().plus(FRESHNESS).isAfter(now)) {
      return Optional.of(entry.device());
    }
    Optional<DeviceRecord> record = storage.device(deviceId);
    if (record.isEmpty()) {
      cache.remove(deviceId);
      return Optional.empty();
    }
    DeviceRecord r = record.get();
    DeviceKey key = entry != null && entry.device().key().keyId().equals(r.keyId())
        ? entry.device().key() : DeviceKey.fromPem(r.publicKeyPem());
    KnownDevice device = new KnownDevice(r.deviceId(), key, r.lastSequence(), r.revoked());
    cache.put(deviceId, new Entry(device, now));
    return Optional.of(device);
  }

  /** Records an accepted sequence so the next report from the device is checked against it. */
  void accepted(String deviceId, long sequence) {
    cache.computeIfPresent(deviceId, (id, e) -> new Entry(
        new KnownDevice(id, e.device().key(), Math.max(sequence, e.device().lastSequence()),
            e.device().revoked()), e.loadedAt()));
  }

  /** Forgets a device at once, e.g. after revoking it in this process. */
  public void forget(String deviceId) {
    cache.remove(deviceId);
  }
}
