package io.farmwatch.collector.server;

import io.farmwatch.collector.http.Refusal;
import io.farmwatch.protocol.ErrorCode;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Caps the request bodies being read at once, overall and per client address. A body read holds a
 * request thread for as long as the client takes to send it, so this cap, well below the request
 * thread pool, is what leaves threads for health, metrics and the analyst API while uploads
 * misbehave; the per-address cap keeps one address from taking every slot.
 */
final class UploadGate {

  /** A slot held while a body is read; closing it frees the slot. */
  interface Slot extends AutoCloseable {
    @Override
    void close();
  }

  private final Semaphore slots;
  private final int perAddress;
  private final ConcurrentHashMap<String, Integer> byAddress = new ConcurrentHashMap<>();

  UploadGate(int totalSlots, int perAddress) {
    this.slots = new Semaphore(totalSlots);
    this.perAddress = perAddress;
  }

  /** Takes a slot for an upload from {@code address}, or refuses at once: nothing waits here. */
  Slot enter(String address) throws Refusal {
    boolean[] admitted = {false};
    byAddress.compute(address, (a, n) -> {
      int current = n == null ? 0 : n;
      admitted[0] = current < perAddress;
      return admitted[0] ? current + 1 : current;
    });
    if (!admitted[0]) {
      throw new Refusal(ErrorCode.TOO_MANY_UPLOADS,
          "this address already has " + perAddress + " uploads in progress; retry later");
    }
    if (!slots.tryAcquire()) {
      leave(address);
      throw new Refusal(ErrorCode.BUSY, "the collector is reading too many uploads; retry later");
    }
    return () -> {
      slots.release();
      leave(address);
    };
  }

  private void leave(String address) {
    byAddress.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
  }
}
