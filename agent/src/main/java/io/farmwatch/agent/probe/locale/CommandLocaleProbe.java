package io.farmwatch.agent.probe.locale;

import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.probe.LocaleProbe;
import io.farmwatch.agent.probe.Missing;
import io.farmwatch.agent.probe.ProbeResult;
import io.farmwatch.protocol.report.LocaleInfo;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Locale on Windows and macOS: zone and locale from the JDK (which reads the OS settings), keyboard
 * layouts and input methods from the platform's own command.
 */
public final class CommandLocaleProbe implements LocaleProbe {

  private final CommandRunner runner;
  private final List<String> command;
  private final Function<String, InputSources> parser;

  public CommandLocaleProbe(CommandRunner runner, List<String> command, Function<String, InputSources> parser) {
    this.runner = runner;
    this.command = List.copyOf(command);
    this.parser = parser;
  }

  @Override
  public ProbeResult<LocaleInfo> collect() {
    Missing missing = new Missing();
    ZoneId zone = ZoneId.systemDefault();
    InputSources sources = new InputSources(List.of(), List.of());
    CommandRunner.Output out = runner.run(command);
    if (out.ok()) {
      sources = parser.apply(out.stdout());
    } else {
      missing.add("locale.keyboardLayouts", String.join(" ", command), out.failure());
    }
    Locale locale = Locale.getDefault();
    return missing.result(new LocaleInfo(zone.getId(), zone.getRules().getOffset(Instant.now()).getTotalSeconds() / 60,
        locale.toLanguageTag(), List.of(locale.toLanguageTag()), sources.layouts(), sources.inputMethods(), null));
  }
}
