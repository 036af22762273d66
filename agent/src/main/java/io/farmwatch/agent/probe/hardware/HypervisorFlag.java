package io.farmwatch.agent.probe.hardware;

import io.farmwatch.agent.probe.Missing;
import java.util.Optional;

/**
 * The operating system's own answer to "does a hypervisor run this machine?", beside the firmware
 * strings OSHI reads (a VM can carry a real Mac's or PC's model and vendor strings).
 */
@FunctionalInterface
public interface HypervisorFlag {

  /** No such answer read on this platform: the flag stays false and nothing is claimed. */
  HypervisorFlag NOT_READ = missing -> Optional.empty();

  /**
   * The indication, in words, when the OS reports a hypervisor; empty when it reports none, or
   * when it could not be read (then {@code missing} says why).
   */
  Optional<String> indication(Missing missing);
}
