package io.farmwatch.collector;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package rules of docs/collector.md's "Code layout", checked on the compiled collector. */
@AnalyzeClasses(packages = "io.farmwatch.collector", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** Each package is its own slice, so a sub-package importing its parent back counts as a cycle too. */
  @ArchTest
  static final ArchRule noPackageCycles = slices().matching("io.farmwatch.collector.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule storageKnowsNothingAboveIt = noClasses()
      .that().resideInAPackage("io.farmwatch.collector.store..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.farmwatch.collector.correlate..", "io.farmwatch.collector.alert..",
          "io.farmwatch.collector.server..", "io.farmwatch.collector.api..",
          "io.farmwatch.collector.ingest..", "io.farmwatch.collector.enroll..",
          "io.farmwatch.collector.cli..");

  @ArchTest
  static final ArchRule httpPlumbingStandsAlone = standsAlone("http");

  @ArchTest
  static final ArchRule addressHelpersStandAlone = standsAlone("net");

  @ArchTest
  static final ArchRule rosterStandsAlone = standsAlone("roster");

  @ArchTest
  static final ArchRule activityHistoryStandsAlone = standsAlone("activity");

  private static ArchRule standsAlone(String name) {
    String own = "io.farmwatch.collector." + name + "..";
    return noClasses().that().resideInAPackage(own)
        .should().dependOnClassesThat(resideInAPackage("io.farmwatch.collector..").and(not(resideInAPackage(own))))
        .because(name + " is a leaf every other package may use");
  }
}
