package io.farmwatch.agent.probe.signer;

/**
 * Who vouches for an executable file: the OS's code-signing check or its package database. Asked
 * only for executables that matched the detection catalog, never for every process.
 */
@FunctionalInterface
public interface SignerProbe {

  /** @param path the executable's full path as the process probe reported it */
  SignerCheck check(String path);
}
