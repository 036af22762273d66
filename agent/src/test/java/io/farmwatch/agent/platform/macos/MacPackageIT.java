package io.farmwatch.agent.platform.macos;

import static io.farmwatch.agent.testing.Commands.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.PropertyListParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The macOS installer as far as Linux can check it (packaging/macos/README.md): every plist and the
 * profile pass libplist's plistutil (XML to binary and back) and dd-plist, the keys launchd and the
 * MDM need are there, and every path they name is a file build-pkg lays out. pkgbuild, launchd and
 * the MDM are Apple's and never run here. The runtime image is a placeholder folder (a real one is
 * built by jlink on macOS in the release pipeline); the jar and class list are the real ones.
 */
class MacPackageIT {

  static final Path MACOS = Path.of("../packaging/macos").toAbsolutePath().normalize();
  static final Path JAR = Path.of("target/farmwatch-agent.jar").toAbsolutePath();
  static final Set<String> AUTHORIZATIONS = Set.of("Allow", "Deny", "AllowStandardUserToSetSystemService");

  @TempDir static Path work;
  static Path stage;

  /** build-pkg with STAGE_ONLY: the payload, scripts and distribution it would hand to pkgbuild. */
  @BeforeAll
  static void stagePackage() throws Exception {
    Path runtime = Files.createDirectories(work.resolve("runtime/bin"));
    Files.writeString(runtime.resolve("java"), "#!/bin/sh\necho 'placeholder runtime: not a JVM' >&2\nexit 1\n");
    Files.setPosixFilePermissions(runtime.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(work.resolve("runtime/lib"));
    stage = work.resolve("stage");
    run(Map.of("STAGE_ONLY", stage.toString(), "PKG_ARCH", "arm64"), MACOS.resolve("build-pkg").toString(),
        work.resolve("runtime").toString(), JAR.toString(), "1.2.3");
  }

  @Test
  void everyPlistAndTheProfileSurviveLibplistAndDdPlist() throws Exception {
    List<Path> plists;
    try (Stream<Path> files = Files.list(MACOS)) {
      plists = files.filter(f -> f.toString().matches(".*\\.(plist|mobileconfig|entitlements)$")).sorted().toList();
    }
    assertThat(plists).extracting(p -> p.getFileName().toString()).contains("io.farmwatch.agent.plist",
        "io.farmwatch.agent.session.plist", "farmwatch.mobileconfig", "java.entitlements");
    for (Path plist : plists) {
      assertThat(libplistRoundTrip(plist)).as(plist.toString()).isEqualTo(PropertyListParser.parse(plist.toFile()));
    }
  }

  @Test
  void theDaemonRunsTheInstalledLauncherAsAServiceAndKeepsRunning() throws Exception {
    NSDictionary daemon = launchdJob("LaunchDaemons", "io.farmwatch.agent");
    List<String> args = strings(daemon.get("ProgramArguments"));
    assertThat(args.subList(1, args.size())).containsSubsequence("run", "--service", "--state");
    assertThat(args.get(args.indexOf("--state") + 1)).isEqualTo(MacPlatform.STATE_DIR.toString());
    assertThat(((NSNumber) ((NSDictionary) daemon.get("KeepAlive")).get("SuccessfulExit")).boolValue()).isFalse();
    assertThat(strings(daemon.get("WatchPaths"))).containsExactly("/Library/Managed Preferences/io.farmwatch.agent.plist");
    assertThat(string(daemon, "StandardOutPath")).startsWith("/Library/Logs/FarmWatch/");
    NSDictionary env = (NSDictionary) daemon.get("EnvironmentVariables");
    assertThat(installed(string(env, "FARMWATCH_AGENT"))).isExecutable();
    assertThat(string(env, "FARMWATCH_STATE")).isEqualTo(MacPlatform.STATE_DIR.toString());
    // The daemon script runs the launcher beside it; that launcher finds the jar and the runtime there.
    Path bin = installed(args.get(0)).getParent();
    assertThat(bin.resolve("farmwatch-agent")).isExecutable();
    assertThat(bin.resolve("../lib/farmwatch-agent.jar")).exists();
    assertThat(bin.resolve("../lib/farmwatch-agent.classlist")).exists();
    // JNA's Apple-silicon library, the one for the pkg's architecture.
    assertThat(bin.resolve("../runtime/lib/libjnidispatch.jnilib")).isNotEmptyFile();
    assertThat(Files.readAllBytes(bin.resolve("../runtime/lib/libjnidispatch.jnilib"))).isEqualTo(
        unzipped("com/sun/jna/darwin-aarch64/libjnidispatch.jnilib"));
  }

  @Test
  void theSessionHelperStartsInEveryAquaSessionFromTheSameLauncher() throws Exception {
    NSDictionary agent = launchdJob("LaunchAgents", "io.farmwatch.agent.session");
    List<String> args = strings(agent.get("ProgramArguments"));
    assertThat(installed(args.get(0)).getFileName()).hasToString("farmwatch-agent");
    assertThat(args.subList(1, args.size())).containsExactly("session");
    assertThat(string(agent, "LimitLoadToSessionType")).isEqualTo("Aqua");
  }

  /** A launchd job the pkg installs: its file named by its label, run at load, its program installed. */
  static NSDictionary launchdJob(String folder, String label) throws Exception {
    assertThat(stage.resolve("root/Library/" + folder + "/" + label + ".plist")).exists();
    NSDictionary job = plist(label + ".plist");
    assertThat(string(job, "Label")).isEqualTo(label);
    assertThat(((NSNumber) job.get("RunAtLoad")).boolValue()).isTrue();
    assertThat(installed(strings(job.get("ProgramArguments")).get(0))).isExecutable();
    return job;
  }

  @Test
  void theProfileCarriesManagedPreferencesInputMonitoringAndManagedLoginItems() throws Exception {
    NSDictionary profile = plist("farmwatch.mobileconfig");
    assertThat(string(profile, "PayloadType")).isEqualTo("Configuration");
    assertThat(string(profile, "PayloadScope")).isEqualTo("System");
    List<NSDictionary> payloads = new ArrayList<>();
    for (NSObject o : ((NSArray) profile.get("PayloadContent")).getArray()) {
      payloads.add((NSDictionary) o);
    }
    Set<String> uuids = new HashSet<>();
    Set<String> identifiers = new HashSet<>();
    for (NSDictionary p : concat(profile, payloads)) {
      assertThat(string(p, "PayloadType")).isNotBlank();
      assertThat(string(p, "PayloadIdentifier")).startsWith("io.farmwatch.agent.profile");
      assertThat(string(p, "PayloadUUID")).matches("[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}");
      assertThat(((NSNumber) p.get("PayloadVersion")).isInteger()).isTrue();
      assertThat(((NSNumber) p.get("PayloadVersion")).intValue()).isEqualTo(1);
      assertThat(uuids.add(string(p, "PayloadUUID"))).as("unique UUID").isTrue();
      assertThat(identifiers.add(string(p, "PayloadIdentifier"))).as("unique identifier").isTrue();
    }
    assertThat(payloads).extracting(p -> string(p, "PayloadType")).containsExactlyInAnyOrder(
        "com.apple.ManagedClient.preferences", "com.apple.TCC.configuration-profile-policy", "com.apple.servicemanagement");

    // Managed preferences: the keys farmwatch-agent-managed-prefs reads, in the domain it reads.
    NSDictionary settings = (NSDictionary) ((NSDictionary) ((NSArray) ((NSDictionary) ((NSDictionary) payload(payloads,
        "com.apple.ManagedClient.preferences").get("PayloadContent")).get("io.farmwatch.agent")).get("Forced"))
        .objectAtIndex(0)).get("mcx_preference_settings");
    String importer = Files.readString(MACOS.resolve("farmwatch-agent-managed-prefs"));
    assertThat(importer).contains("/Library/Managed Preferences/io.farmwatch.agent}");
    for (String key : settings.allKeys()) {
      assertThat(importer).contains("key " + key + ")");
    }
    assertThat(settings.allKeys()).containsExactlyInAnyOrder("CollectorURL", "EnrollmentToken", "CertificateSHA256");

    // PPPC: Input Monitoring for the installed java that runs the helper, by path and code requirement.
    NSArray listen = (NSArray) ((NSDictionary) payload(payloads, "com.apple.TCC.configuration-profile-policy")
        .get("Services")).get("ListenEvent");
    assertThat(listen.count()).isEqualTo(1);
    NSDictionary helper = (NSDictionary) listen.objectAtIndex(0);
    assertThat(string(helper, "IdentifierType")).isEqualTo("path");
    assertThat(installed(string(helper, "Identifier"))).isExecutable();
    assertThat(string(helper, "CodeRequirement")).isNotBlank();
    // Allowed and Authorization are exclusive; for ListenEvent Apple accepts only Deny or the standard-user switch.
    assertThat(helper.containsKey("Allowed")).isFalse();
    assertThat(string(helper, "Authorization")).isIn(AUTHORIZATIONS).isEqualTo("AllowStandardUserToSetSystemService");

    // Managed login items: exactly the labels of the two launchd jobs the pkg installs.
    List<String> labels = new ArrayList<>();
    for (NSObject rule : ((NSArray) payload(payloads, "com.apple.servicemanagement").get("Rules")).getArray()) {
      assertThat(string((NSDictionary) rule, "RuleType")).isEqualTo("Label");
      labels.add(string((NSDictionary) rule, "RuleValue"));
    }
    assertThat(labels).containsExactlyInAnyOrder(string(plist("io.farmwatch.agent.plist"), "Label"),
        string(plist("io.farmwatch.agent.session.plist"), "Label"));
  }

  @Test
  void fillProfileEscapesValuesAndLeavesUnsetPlaceholders() throws Exception {
    String url = "https://collector.example.com:8443/?site=a&b=<c>";
    String filled = run(Map.of("COLLECTOR_URL", url, "ENROLLMENT_TOKEN", "t0k|en\\&x", "CERTIFICATE_SHA256",
        "AB:CD:EF"), MACOS.resolve("fill-profile").toString());
    Path file = Files.writeString(work.resolve("filled.mobileconfig"), filled);
    NSDictionary profile = (NSDictionary) libplistRoundTrip(file);
    NSDictionary prefs = (NSDictionary) ((NSArray) profile.get("PayloadContent")).objectAtIndex(0);
    NSDictionary settings = (NSDictionary) ((NSDictionary) ((NSArray) ((NSDictionary) ((NSDictionary) prefs
        .get("PayloadContent")).get("io.farmwatch.agent")).get("Forced")).objectAtIndex(0)).get("mcx_preference_settings");
    assertThat(string(settings, "CollectorURL")).isEqualTo(url);
    assertThat(string(settings, "EnrollmentToken")).isEqualTo("t0k|en\\&x");
    assertThat(string(settings, "CertificateSHA256")).isEqualTo("AB:CD:EF");
    assertThat(filled).contains("__HELPER_CODE_REQUIREMENT__").doesNotContain("__COLLECTOR_URL__");
  }

  @Test
  void theDistributionNamesTheComponentVersionAndArchitecture() throws Exception {
    var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(stage.resolve("Distribution.xml").toFile());
    var ref = (org.w3c.dom.Element) doc.getElementsByTagName("pkg-ref").item(1);
    assertThat(ref.getAttribute("version")).isEqualTo("1.2.3");
    assertThat(ref.getTextContent()).isEqualTo("farmwatch-agent-component.pkg");
    assertThat(((org.w3c.dom.Element) doc.getElementsByTagName("options").item(0)).getAttribute("hostArchitectures"))
        .isEqualTo("arm64");
    assertThat(stage.resolve("scripts/preinstall")).isExecutable();
    assertThat(stage.resolve("scripts/postinstall")).isExecutable();
  }

  /**
   * Silent enrollment's first half on macOS: the managed preferences (a binary plist, as the MDM
   * leaves it) become the root-only env file that the enrollment shared with Linux reads; the
   * daemon stays quiet while nothing is configured. {@code defaults} is macOS's: a stand-in reads
   * the plist with plistutil, as {@code defaults read PATH KEY} would.
   */
  @Test
  void managedPreferencesBecomeTheRootOnlyEnvFileTheEnrollmentReads() throws Exception {
    Path dir = Files.createDirectories(work.resolve("enroll"));
    Path defaults = Files.writeString(dir.resolve("defaults"), """
        #!/bin/sh
        [ "$1" = read ] || exit 2
        plistutil -i "$2.plist" -f xml -o - | sed -n "/<key>$3<\\/key>/{n;s/.*<string>\\(.*\\)<\\/string>.*/\\1/p;q}" | grep . \
          || { echo "The domain/default pair of ($2, $3) does not exist" >&2; exit 1; }
        """);
    Files.setPosixFilePermissions(defaults, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path prefsXml = Files.writeString(dir.resolve("prefs.xml"), """
        <?xml version="1.0" encoding="UTF-8"?>
        <plist version="1.0"><dict>
          <key>CollectorURL</key><string>https://collector.example.com:8443</string>
          <key>EnrollmentToken</key><string>fw_enroll_0123456789</string>
          <key>CertificateSHA256</key><string>AB:CD:EF:01</string>
        </dict></plist>
        """);
    Path prefs = dir.resolve("io.farmwatch.agent");
    run(Map.of(), "plistutil", "-i", prefsXml.toString(), "-f", "bin", "-o", prefs + ".plist");
    Path envFile = dir.resolve("support/agent.env");
    Path state = Files.createDirectories(dir.resolve("state"));
    Path bin = installed("/Library/FarmWatch/Agent/bin");
    Map<String, String> env = Map.of("FARMWATCH_DEFAULTS", defaults.toString(), "FARMWATCH_MANAGED_PREFS",
        prefs.toString(), "FARMWATCH_AGENT_ENV", envFile.toString(), "FARMWATCH_STATE", state.toString());

    run(env, bin.resolve("farmwatch-agent-managed-prefs").toString());
    assertThat(Files.readAllLines(envFile)).containsExactly("FARMWATCH_COLLECTOR_URL=https://collector.example.com:8443",
        "FARMWATCH_ENROLL_TOKEN=fw_enroll_0123456789", "FARMWATCH_PINNED_SHA256=AB:CD:EF:01");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(envFile))).isEqualTo("rw-------");
    assertThat(run(env, bin.resolve("farmwatch-agent-enroll-env").toString(), "check")).isEmpty();

    // Once enrolled, the profile's token is never copied again.
    Files.delete(envFile);
    Files.writeString(state.resolve("enrollment.json"), "{}");
    run(env, bin.resolve("farmwatch-agent-managed-prefs").toString());
    assertThat(envFile).doesNotExist();

    // Neither enrolled nor configured: the daemon exits 0 (launchd leaves it alone) and says what is missing.
    Files.delete(state.resolve("enrollment.json"));
    Map<String, String> bare = Map.of("FARMWATCH_MANAGED_PREFS", dir.resolve("absent").toString(),
        "FARMWATCH_AGENT_ENV", envFile.toString(), "FARMWATCH_STATE", state.toString());
    assertThat(run(bare, bin.resolve("farmwatch-agent-daemon").toString(), "run", "--service"))
        .contains("lacks: FARMWATCH_COLLECTOR_URL FARMWATCH_ENROLL_TOKEN");
  }

  /** plistutil to binary and back to XML; libplist 2.2 reports a failed conversion on stderr only, so that is checked. */
  static NSObject libplistRoundTrip(Path plist) throws Exception {
    Path bin = work.resolve(plist.getFileName() + ".bin");
    Path xml = work.resolve(plist.getFileName() + ".xml");
    assertThat(run(Map.of(), "plistutil", "-i", plist.toString(), "-f", "bin", "-o", bin.toString())).isEmpty();
    assertThat(new String(Files.readAllBytes(bin), 0, 8, StandardCharsets.US_ASCII)).isEqualTo("bplist00");
    assertThat(run(Map.of(), "plistutil", "-i", bin.toString(), "-f", "xml", "-o", xml.toString())).isEmpty();
    NSObject fromBinary = PropertyListParser.parse(bin.toFile());
    assertThat(PropertyListParser.parse(xml.toFile())).isEqualTo(fromBinary);
    return fromBinary;
  }

  static byte[] unzipped(String entry) throws IOException {
    try (var jar = new java.util.zip.ZipFile(JAR.toFile())) {
      return jar.getInputStream(jar.getEntry(entry)).readAllBytes();
    }
  }

  /** A path launchd or TCC is given, inside the staged payload. */
  static Path installed(String absolute) {
    assertThat(absolute).startsWith("/");
    return stage.resolve("root" + absolute);
  }

  static NSDictionary plist(String name) throws Exception {
    return (NSDictionary) PropertyListParser.parse(MACOS.resolve(name).toFile());
  }

  static NSDictionary payload(List<NSDictionary> payloads, String type) {
    return payloads.stream().filter(p -> string(p, "PayloadType").equals(type)).findFirst().orElseThrow();
  }

  static String string(NSDictionary d, String key) {
    NSObject o = d.get(key);
    assertThat(o).as(key).isNotNull();
    return o.toJavaObject().toString();
  }

  static List<String> strings(NSObject array) {
    return Arrays.stream(((NSArray) array).getArray()).map(o -> o.toJavaObject().toString()).toList();
  }

  static List<NSDictionary> concat(NSDictionary first, List<NSDictionary> rest) {
    List<NSDictionary> all = new ArrayList<>(List.of(first));
    all.addAll(rest);
    return all;
  }
}
