package io.farmwatch.agent.probe.signer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What makes a file the same file: device and inode (the JDK's file key on Unix), size and
 * modification time; Windows has no file key, so its creation time stands in. Replacing or
 * rewriting an executable changes at least one of them.
 */
record FileIdentity(Object fileKey, long size, FileTime modified, FileTime created) {

  static FileIdentity of(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    return new FileIdentity(a.fileKey(), a.size(), a.lastModifiedTime(), a.fileKey() == null ? a.creationTime() : null);
  }
}
