package io.farmwatch.agent.platform.windows;

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
import io.farmwatch.protocol.report.NetworkState;
import io.farmwatch.protocol.report.SocketInfo;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Authenticode on recorded {@code Get-AuthenticodeSignature | Format-List} output (sources in
 * fixtures/signers/README.md); PowerShell itself never runs here.
 */
class AuthenticodeSignersTest {

  static final String SIGNED = "C:\\download\\New-JS7WorkflowFromExcel.ps1";
  static final String UNSIGNED = "C:\\Program Files\\PowerShell\\Modules\\Pester\\Pester.psd1";

  static AuthenticodeSigners recorded() {
    return new AuthenticodeSigners(new RecordedCommands(Map.of(
        AuthenticodeSigners.command(SIGNED), "signers/authenticode-ev-valid.txt",
        AuthenticodeSigners.command(UNSIGNED), "signers/authenticode-not-signed.txt",
        AuthenticodeSigners.command("C:\\nano\\Pester.psd1"), "signers/authenticode-unknown-error.txt")));
  }

  @Test
  void aValidSignatureNamesTheCertificatesCommonNameWithTheWrappedSubjectJoined() {
    SignerCheck check = recorded().check(SIGNED);
    assertThat(check.signer()).isNotNull();
    assertThat(check.signer().source()).isEqualTo("authenticode");
    assertThat(check.signer().name()).isEqualTo("SOS Software- und Organisations-Service GmbH");
    assertThat(check.signer().id()).isEqualTo("2B03EA68F103E80D83228ABCF88A3B448CC8B257");
    assertThat(check.signer().details())
        .containsEntry("subject", "CN=SOS Software- und Organisations-Service GmbH, O=SOS Software- und"
            + " Organisations-Service GmbH, S=Berlin, C=DE, OID.2.5.4.15=Private Organization,"
            + " OID.1.3.6.1.4.1.311.60.2.1.3=DE, SERIALNUMBER=HRB 21015")
        .containsEntry("issuer", "CN=Sectigo Public Code Signing CA EV R36, O=Sectigo Limited, C=GB")
        .containsEntry("status", "Valid");
  }

  @Test
  void unsignedAndUnverifiableFilesHaveNoSignerAndSayWhy() {
    assertThat(recorded().check(UNSIGNED)).satisfies(c -> {
      assertThat(c.signer()).isNull();
      assertThat(c.source()).isEqualTo("Get-AuthenticodeSignature " + UNSIGNED);
      assertThat(c.reason()).isEqualTo("not signed (NotSigned)");
    });
    assertThat(recorded().check("C:\\nano\\Pester.psd1").reason()).isEqualTo("signature status UnknownError: The form"
        + " specified for the subject is not one supported or known by the specified trust provider");
    assertThat(recorded().check("C:\\absent.exe").reason()).isEqualTo("powershell.exe is not installed or cannot run");
  }

  @Test
  void quotedCommonNamesAreUnquotedAndCommasInsideThemKept() {
    assertThat(AuthenticodeSigners.commonName("CN=\"Sectigo RSA Time Stamping Signer #4\", O=Sectigo Limited"))
        .isEqualTo("Sectigo RSA Time Stamping Signer #4");
    assertThat(AuthenticodeSigners.commonName("O=Acme, CN=\"Acme, Inc.\", C=US")).isEqualTo("Acme, Inc.");
    assertThat(AuthenticodeSigners.commonName("O=Acme, C=US")).isNull();
  }

  @Test
  void everySingleQuoteKindInAPathIsDoubledSoThePathCannotEndTheLiteral() {
    String path = "C:\\Users\\o'brien\\x\u2019; Remove-Item C:\\ -Recurse; \u2018.exe";
    assertThat(AuthenticodeSigners.quoted(path))
        .isEqualTo("C:\\Users\\o''brien\\x\u2019\u2019; Remove-Item C:\\ -Recurse; \u2018\u2018.exe");
    assertThat(AuthenticodeSigners.command(path).get(4)).contains("-LiteralPath 'C:\\Users\\o''brien");
  }

  /** A tool only this test's catalog knows, under the executable names the recordings are of. */
  static final Catalog CATALOG = new Catalog("test", List.of(new ToolEntry("Recorded Tool", "rmm",
      List.of("New-JS7WorkflowFromExcel.ps1", "Pester.psd1"), null, List.of(47001), null, null, "test")),
      List.of(), List.of(), List.of(), List.of());


  /** The process also listens on the tool's port: the port is judged by the process's signer too. */
  static Report listening(String path) {
    Report r = Reports.running(path);
    return new Report(r.schemaVersion(), r.device(), null, new NetworkState(null, null, null, null, null, null,
        List.of(new SocketInfo("tcp", "0.0.0.0", 47001, null, null, "LISTEN", 4242, "x"))), r.processes(), null, null,
        null, null, List.of(), List.of());
  }

  @Test
  void anAllowlistedPublisherMakesTheToolAllowedAndAnUnsignedOneUnderTheSameToolStaysHigh() {
    Detector detector = new Detector(CATALOG, new Allowlist(List.of(
        new Allowlist.Entry("Recorded Tool", null, "SOS Software- und Organisations-Service GmbH"))), recorded());
    List<Finding> signed = detector.detect(Reports.running(SIGNED));
    assertThat(signed).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(FindingKind.ALLOWED_TOOL);
      assertThat(f.severity()).isEqualTo(Severity.INFO);
      assertThat(f.evidence().get("signer")).asString().contains("name=SOS Software- und Organisations-Service GmbH");
    });
    List<Finding> unsigned = detector.detect(Reports.running(UNSIGNED));
    assertThat(unsigned).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(FindingKind.REMOTE_ACCESS);
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.evidence().get("signerMissing"))
          .isEqualTo(Map.of("source", "Get-AuthenticodeSignature " + UNSIGNED, "reason", "not signed (NotSigned)"));
    });
    Detector byTheSameSigner = new Detector(CATALOG, new Allowlist(List.of(
        new Allowlist.Entry("Recorded Tool", null, "SOS Software- und Organisations-Service GmbH"))), recorded());
    assertThat(byTheSameSigner.detect(listening(SIGNED))).extracting(Finding::kind)
        .containsExactly(FindingKind.ALLOWED_TOOL);
    assertThat(byTheSameSigner.detect(listening(UNSIGNED))).extracting(Finding::kind, Finding::severity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(FindingKind.REMOTE_ACCESS, Severity.HIGH));
    Detector byThumbprint = new Detector(CATALOG, new Allowlist(List.of(
        new Allowlist.Entry(null, null, "2B03EA68F103E80D83228ABCF88A3B448CC8B257"))), recorded());
    assertThat(byThumbprint.detect(Reports.running(SIGNED))).extracting(Finding::kind)
        .containsExactly(FindingKind.ALLOWED_TOOL);
  }
}
