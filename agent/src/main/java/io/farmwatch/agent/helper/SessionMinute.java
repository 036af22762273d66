package io.farmwatch.agent.helper;

/**
 * One completed minute of input timing a session helper counted in its user's session.
 *
 * @param epochMinute minutes since the epoch (UTC)
 * @param activeSecondsMask bit {@code i} set when second {@code i} of the minute had any input, so
 *     the service can join it with its own seconds of the same minute
 * @param injectedEvents events the OS flagged as injected (XTEST devices, {@code LLMHF_INJECTED},
 *     remote-desktop tools); also counted in the key or pointer count
 */
public record SessionMinute(
    long epochMinute, long activeSecondsMask, int keyEvents, int pointerEvents, int injectedEvents) {}
