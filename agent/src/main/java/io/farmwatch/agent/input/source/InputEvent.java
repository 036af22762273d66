package io.farmwatch.agent.input.source;

/**
 * One input event as FarmWatch keeps it: when, what class, and whether it was synthetic. Never
 * which key, never where the pointer was.
 *
 * @param epochMillis when the event happened
 * @param synthetic injected by software (XTEST, {@code LLMHF_INJECTED}, remote-desktop tools)
 */
public record InputEvent(long epochMillis, Kind kind, boolean synthetic) {

  /** Key presses, or pointer movement and clicks. */
  public enum Kind { KEY, POINTER }
}
