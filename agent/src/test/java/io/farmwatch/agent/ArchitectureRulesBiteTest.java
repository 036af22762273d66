package io.farmwatch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The package rules are not vacuous: tests may name a platform type, and the rule sees it. */
class ArchitectureRulesBiteTest {

  @Test
  void aPlatformTypeNamedOutsidePlatformIsAViolation() {
    // RealProcessDetectionTest (agent.detect) builds LinuxPlatform's probes directly.
    var detectWithTests = new ClassFileImporter().importPackages("io.farmwatch.agent.detect");
    assertThat(ArchitectureTest.onlyTheChooserNamesAPlatform.evaluate(detectWithTests).hasViolation()).isTrue();
  }
}
