package io.farmwatch.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The agent's package rules: no cycles, probes apart from the runtime, each platform on its own. */
@AnalyzeClasses(packages = "io.farmwatch.agent", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule noPackageCycles = slices().matching("io.farmwatch.agent.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule probesNeverReachTheRuntimeOrTheCli = noClasses()
      .that().resideInAnyPackage("io.farmwatch.agent.probe..", "io.farmwatch.agent.platform..")
      .should().dependOnClassesThat().resideInAnyPackage("io.farmwatch.agent.runtime..", "io.farmwatch.agent.cli..");

  @ArchTest
  static final ArchRule linuxUsesNoOtherPlatform = platformKeepsToItself("linux");

  @ArchTest
  static final ArchRule windowsUsesNoOtherPlatform = platformKeepsToItself("windows");

  @ArchTest
  static final ArchRule macosUsesNoOtherPlatform = platformKeepsToItself("macos");

  @ArchTest
  static final ArchRule portableUsesNoPlatform = noClasses()
      .that().resideInAPackage("io.farmwatch.agent.platform.portable..")
      .should().dependOnClassesThat().resideInAnyPackage("io.farmwatch.agent.platform.linux..",
          "io.farmwatch.agent.platform.windows..", "io.farmwatch.agent.platform.macos..");

  /** Only the chooser names a platform package; everything else goes through it. */
  @ArchTest
  static final ArchRule onlyTheChooserNamesAPlatform = noClasses()
      .that().resideOutsideOfPackage("io.farmwatch.agent.platform..")
      .should().dependOnClassesThat().resideInAnyPackage("io.farmwatch.agent.platform.*..");

  private static ArchRule platformKeepsToItself(String name) {
    String[] others = java.util.stream.Stream.of("linux", "windows", "macos")
        .filter(n -> !n.equals(name)).map(n -> "io.farmwatch.agent.platform." + n + "..").toArray(String[]::new);
    return noClasses().that().resideInAPackage("io.farmwatch.agent.platform." + name + "..")
        .should().dependOnClassesThat().resideInAnyPackage(others)
        .as("platform." + name + " uses no other platform's package");
  }
}
