package io.farmwatch.agent.runtime.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's default for every agent command, found through the service loader: stderr at INFO.
 * Without it Logback would log DEBUG to stdout, mixing library chatter into {@code scan} output.
 */
public final class CommandLineLogging extends ContextAwareBase implements Configurator {

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    AgentLogging.toStderr(context, Level.INFO);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
