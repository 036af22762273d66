package io.farmwatch.collector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.farmwatch.collector.api.PolicyApi;
import io.farmwatch.collector.policy.PolicyService;
import io.farmwatch.collector.store.Actor;
import io.farmwatch.collector.store.IssuedPolicy;
import io.farmwatch.collector.store.Storage;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.policy.PolicyProblems;
import io.farmwatch.protocol.policy.PolicyReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The central policy agents fetch (docs/collector.md, "Central policy"). */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Show or set the central agent policy.",
    subcommands = {PolicyCommand.Show.class, PolicyCommand.Set.class})
final class PolicyCommand {

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Print the current policy, its version and the key agents verify it with.")
  static final class Show implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Override
    public Integer call() throws Exception {
      try (Storage storage = store.open()) {
        PolicyService policy = new PolicyService(storage, Clock.systemUTC());
        Optional<IssuedPolicy> current = policy.current();
        if (current.isEmpty()) {
          System.out.println("no policy has been set; agents run on their local configuration");
          return 0;
        }
        System.out.println(ProtocolJson.mapper().writerWithDefaultPrettyPrinter()
            .writeValueAsString(PolicyApi.view(policy, current.get())));
      }
      return 0;
    }
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Validate FILE (YAML or JSON) and issue it as the next policy version; a bad file is"
          + " refused with every problem listed, and nothing changes.")
  static final class Set implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
      JsonNode draft = read(file);
      try (Storage storage = store.open()) {
        IssuedPolicy issued = new PolicyService(storage, Clock.systemUTC()).set(draft, Actor.CLI);
        System.out.println("policy version " + issued.version() + " issued; agents apply it at their next cycle");
      } catch (PolicyProblems e) {
        e.problems().forEach(problem -> System.err.println(file + ": " + problem));
        System.err.println("policy not set: fix the problems above");
        return 1;
      }
      return 0;
    }

    private static JsonNode read(Path file) throws IOException {
      long size = Files.size(file);
      if (size > PolicyReader.MAX_POLICY_BYTES) {
        throw new IllegalArgumentException(file + ": " + size + " bytes, over the policy limit of "
            + PolicyReader.MAX_POLICY_BYTES);
      }
      try {
        // YAML is a superset of JSON, so one reader takes both.
        return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
      } catch (IOException e) {
        throw new IllegalArgumentException(file + " is neither YAML nor JSON: " + e.getMessage().lines().findFirst().orElse(""));
      }
    }
  }
}
