package io.farmwatch.agent.helper.service;

import io.farmwatch.agent.probe.LocaleProbe;
import io.farmwatch.agent.probe.ProbeResult;
import io.farmwatch.protocol.report.LocaleInfo;
import io.farmwatch.protocol.report.Unavailable;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The report's locale with the keyboard layouts and input methods of the user's session helper in
 * place of the service's own: a service running as SYSTEM or root reads its own account's (HKCU,
 * root's HIToolbox), not the employee's, so a Korean or Chinese IME would go unseen. The service's
 * reading stays when no helper has reported layouts.
 */
public final class HelperLocaleProbe implements LocaleProbe {

  private final LocaleProbe own;
  private final Supplier<Optional<HelperState>> helper;

  /** @param helper the helper heard from last ({@link SessionIntake#latest()}) */
  public HelperLocaleProbe(LocaleProbe own, Supplier<Optional<HelperState>> helper) {
    this.own = own;
    this.helper = helper;
  }

  @Override
  public ProbeResult<LocaleInfo> collect() {
    ProbeResult<LocaleInfo> result = own.collect();
    Optional<HelperState> state = helper.get()
        .filter(h -> !h.keyboardLayouts().isEmpty() || !h.inputMethods().isEmpty());
    if (state.isEmpty()) {
      return result;
    }
    HelperState h = state.get();
    LocaleInfo base = result.value() != null ? result.value()
        : new LocaleInfo(null, null, null, null, null, null, null);
    // The service's failure to read its own layouts no longer says anything about the report's.
    List<Unavailable> stillMissing = result.unavailable().stream()
        .filter(u -> !u.field().equals("locale.keyboardLayouts") && !u.field().equals("locale.inputMethods")).toList();
    return new ProbeResult<>(base.withSessionLayouts(h.keyboardLayouts(), h.inputMethods()), stillMissing);
  }
}
