package io.farmwatch.collector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.farmwatch.collector.auth.Secrets;
import io.farmwatch.collector.store.AuditEntry;
import io.farmwatch.collector.store.Storage;
import io.farmwatch.collector.store.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code apikey}, {@code token} and {@code device} commands on a real database of each kind. */
class AdminCommandsTest {

  @TempDir Path data;

  private List<String> storeArgs = List.of();

  record Run(int exit, String out) {
    String lastLine() {
      String[] lines = out.strip().split("\n");
      return lines[lines.length - 1].strip();
    }
  }

  private Run run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--data", data.toString()));
    all.addAll(storeArgs);
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int exit = CollectorMain.commandLine().execute(all.toArray(String[]::new));
      return new Run(exit, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
    }
  }

  @Test
  void onSqlite() throws Exception {
    keysTokensAndDevicesAreManagedAndAudited();
  }

  @Test
  void onPostgres() throws Exception {
    storeArgs = List.of("--db", TestPostgres.freshDatabase());
    keysTokensAndDevicesAreManagedAndAudited();
  }

  private void keysTokensAndDevicesAreManagedAndAudited() throws Exception {
    Run created = run("apikey", "create", "--role", "admin", "--name", "ops", "--expires", "30d");
    assertThat(created.exit()).as(created.out()).isZero();
    String secret = created.lastLine();
    assertThat(secret).startsWith("fwk_");
    String keyId = Secrets.idOf(Secrets.hash(secret));
    assertThat(run("apikey", "create", "--role", "analyst").exit()).as("a key needs a name").isEqualTo(2);
    assertThat(run("apikey", "create", "--role", "analyst", "--name", "two\nlines").exit()).isEqualTo(2);
    assertThat(run("apikey", "create", "--role", "root", "--name", "x").exit()).isEqualTo(2);
    assertThat(run("apikey", "create", "--role", "analyst", "--name", "x", "--expires", "0d").exit()).isEqualTo(2);

    Run listed = run("apikey", "list");
    assertThat(listed.out()).contains(keyId).contains("admin").contains("active").contains("ops")
        .doesNotContain(secret);
    assertThat(run("apikey", "revoke", keyId).exit()).isZero();
    assertThat(run("apikey", "revoke", keyId).exit()).isEqualTo(1);
    assertThat(run("apikey", "list").out()).contains("revoked");

    String token = run("token", "create", "--uses", "2").lastLine();
    String tokenId = Secrets.idOf(Secrets.hash(token));
    assertThat(run("token", "create", "--uses", "0").exit()).isEqualTo(2);
    assertThat(run("token", "list").out()).contains(tokenId).contains("usable");
    assertThat(run("token", "revoke", tokenId).exit()).isZero();
    assertThat(run("token", "list").out()).contains("revoked");
    assertThat(run("device", "revoke", "dev_nobody").exit()).isEqualTo(1);

    Run audit = run("audit", "--limit", "3");
    assertThat(audit.exit()).isZero();
    assertThat(audit.out().strip().split("\n")).hasSize(4);
    assertThat(audit.out()).contains("token.revoke").contains("apikey.revoke").doesNotContain("apikey.create");

    StoreOptions store = new StoreOptions();
    store.data = data;
    store.db = storeArgs.isEmpty() ? null : storeArgs.get(1);
    try (Storage storage = store.open()) {
      assertThat(storage.auditLog(Long.MAX_VALUE, 10)).extracting(AuditEntry::actorId, AuditEntry::action,
          AuditEntry::target).containsExactly(
              tuple("cli", "token.revoke", tokenId),
              tuple("cli", "token.create", tokenId),
              tuple("cli", "apikey.revoke", keyId),
              tuple("cli", "apikey.create", keyId));
    }
  }
}
