package io.farmwatch.agent.probe.signer;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Looks a signer up once per file: the answer is kept by path and {@link FileIdentity}, so a steady
 * cycle costs one {@code stat} per matched executable and a replaced or rewritten file is looked up
 * again. A missing signer is asked again after an hour, since a command may have timed out. At
 * most {@link #MAX_ENTRIES} paths are kept, the least recently used going first.
 */
public final class CachedSignerProbe implements SignerProbe {

  static final int MAX_ENTRIES = 512;
  static final Duration RECHECK_MISSING = Duration.ofHours(1);

  private record Entry(FileIdentity identity, SignerCheck check, Instant checkedAt) {}

  private final SignerProbe delegate;
  private final Clock clock;
  private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  public CachedSignerProbe(SignerProbe delegate, Clock clock) {
    this.delegate = delegate;
    this.clock = clock;
  }

  @Override
  public synchronized SignerCheck check(String path) {
    FileIdentity identity;
    try {
      identity = FileIdentity.of(Path.of(path));
    } catch (NoSuchFileException e) {
      return SignerCheck.missing(path, "the file is gone (deleted or replaced while the program runs)");
    } catch (IOException | InvalidPathException | SecurityException e) {
      return SignerCheck.missing(path, "cannot read the file's attributes: " + e);
    }
    Instant now = clock.instant();
    Entry known = entries.get(path);
    if (known != null && known.identity().equals(identity)
        && (known.check().signer() != null || now.isBefore(known.checkedAt().plus(RECHECK_MISSING)))) {
      return known.check();
    }
    SignerCheck check = delegate.check(path);
    entries.put(path, new Entry(identity, check, now));
    return check;
  }

  synchronized int size() {
    return entries.size();
  }
}
