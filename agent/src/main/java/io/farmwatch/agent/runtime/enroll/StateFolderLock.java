package io.farmwatch.agent.runtime.enroll;

import io.farmwatch.agent.identity.StateFolder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on the state folder. Two agents on one folder (the service and a manual
 * {@code run --once}) would race on the sequence counter and the spool; the second one is refused.
 * The OS releases the lock when the process dies, even by kill -9.
 */
public final class StateFolderLock implements AutoCloseable {

  public static final String FILE = "agent.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private StateFolderLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Thrown when another process holds the state folder. */
  public static final class StateFolderBusyException extends Exception {
    public StateFolderBusyException(Path dir) {
      super("another farmwatch-agent process is using " + dir + " (lock " + dir.resolve(FILE) + ")");
    }
  }

  public static StateFolderLock acquire(Path stateDir) throws IOException, StateFolderBusyException {
    Path file = stateDir.resolve(FILE);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      // NOFOLLOW_LINKS fails on a link with a plain IOException (ELOOP): name the cause.
      if (Files.isSymbolicLink(file)) {
        throw new StateFolder.UnsafeStateFolderException(file, "the lock file is a symbolic link; remove it");
      }
      throw e;
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new StateFolderBusyException(stateDir);
    }
    return new StateFolderLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
