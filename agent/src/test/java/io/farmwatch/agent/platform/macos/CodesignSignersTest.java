package io.farmwatch.agent.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.detect.Allowlist;
import io.farmwatch.agent.detect.Detector;
import io.farmwatch.agent.detect.catalog.Catalog;
import io.farmwatch.agent.detect.catalog.ToolEntry;
import io.farmwatch.agent.probe.signer.SignerCheck;
import io.farmwatch.agent.testing.RecordedCommands;
import io.farmwatch.agent.testing.Reports;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Severity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** codesign on recorded output (sources in fixtures/signers/README.md); codesign itself never runs here. */
class CodesignSignersTest {

  static final String CHROME = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome";
  static final String SIRI = "/Applications/Siri.app";
  static final String ADHOC = "/Users/thomas/git/cohttp/foo";
  static final String BROKEN = "old/Payload/iPhoneApp1.app";

  static List<String> verify(String path) {
    return List.of("codesign", "--verify", path);
  }

  static List<String> display(String path) {
    return List.of("codesign", "-dv", "--verbose=2", path);
  }

  static CodesignSigners recorded() {
    Map<List<String>, String> fixtures = new HashMap<>();
    for (String path : List.of(CHROME, SIRI, ADHOC)) {
      fixtures.put(verify(path), "signers/codesign-verify-valid.txt");
    }
    fixtures.put(display(CHROME), "signers/codesign-dvv-chrome.txt");
    fixtures.put(display(SIRI), "signers/codesign-dv4-siri.txt");
    fixtures.put(display(ADHOC), "signers/codesign-dv4-adhoc.txt");
    fixtures.put(verify(BROKEN), "signers/codesign-verify-sealed-resource.txt");
    return new CodesignSigners(new RecordedCommands(fixtures, Map.of(verify(BROKEN), 1)));
  }

  @Test
  void aDeveloperIdSignatureNamesTheDeveloperAndTheTeam() {
    SignerCheck check = recorded().check(CHROME);
    assertThat(check.signer().source()).isEqualTo("codesign");
    assertThat(check.signer().name()).isEqualTo("Google LLC");
    assertThat(check.signer().id()).isEqualTo("EQHXZ8M8AV");
    assertThat(check.signer().details())
        .containsEntry("authority", "Developer ID Application: Google LLC (EQHXZ8M8AV) < Developer ID Certification"
            + " Authority < Apple Root CA")
        .containsEntry("identifier", "com.google.Chrome");
  }

  @Test
  void applesOwnPlatformBinariesAreSignedBySoftwareSigningWithoutATeam() {
    SignerCheck check = recorded().check(SIRI);
    assertThat(check.signer().name()).isEqualTo("Software Signing");
    assertThat(check.signer().id()).isNull();
  }

  @Test
  void adHocSignaturesAndBrokenSealsNameNobody() {
    assertThat(recorded().check(ADHOC)).satisfies(c -> {
      assertThat(c.signer()).isNull();
      assertThat(c.source()).isEqualTo("codesign -dv --verbose=2 " + ADHOC);
      assertThat(c.reason()).isEqualTo("ad-hoc signature: no certificate names who signed it");
    });
    assertThat(recorded().check(BROKEN)).satisfies(c -> {
      assertThat(c.signer()).isNull();
      assertThat(c.source()).isEqualTo("codesign --verify " + BROKEN);
      assertThat(c.reason()).isEqualTo("a sealed resource is missing or invalid");
    });
    assertThat(recorded().check("/Applications/Gone.app").reason())
        .isEqualTo("codesign is not installed or cannot run");
  }

  static final Catalog CATALOG = new Catalog("test", List.of(new ToolEntry("Recorded Tool", "rmm",
      List.of("Google Chrome", "foo"), null, null, null, null, "test")), List.of(), List.of(), List.of(), List.of());


  @Test
  void anAllowlistedTeamMakesTheToolAllowedAndAnAdHocBuildUnderTheSameToolStaysHigh() {
    Detector detector = new Detector(CATALOG,
        new Allowlist(List.of(new Allowlist.Entry("Recorded Tool", null, "EQHXZ8M8AV"))), recorded());
    assertThat(detector.detect(Reports.running(CHROME))).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(FindingKind.ALLOWED_TOOL);
      assertThat(f.evidence().get("signer")).asString().contains("id=EQHXZ8M8AV");
    });
    assertThat(detector.detect(Reports.running(ADHOC))).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(FindingKind.REMOTE_ACCESS);
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.evidence()).containsKey("signerMissing").doesNotContainKey("signer");
    });
    Detector byName = new Detector(CATALOG,
        new Allowlist(List.of(new Allowlist.Entry(null, null, "Google LLC"))), recorded());
    assertThat(byName.detect(Reports.running(CHROME))).extracting(Finding::kind)
        .containsExactly(FindingKind.ALLOWED_TOOL);
  }
}
