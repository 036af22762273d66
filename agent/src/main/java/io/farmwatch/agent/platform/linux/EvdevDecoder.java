package io.farmwatch.agent.platform.linux;

import io.farmwatch.agent.input.source.InputEvent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * Decodes the kernel's {@code struct input_event} stream from one evdev device (64-bit layout:
 * {@code timeval} 16 bytes, {@code type} u16, {@code code} u16, {@code value} s32 = 24 bytes) into
 * FarmWatch input events. A key press counts once (value 1, not repeats or releases); relative or
 * absolute motion counts once per {@code SYN_REPORT} frame, however many axes moved.
 *
 * <p>The key code is looked at only to tell keyboard keys from mouse buttons ({@code BTN_MISC} and
 * above), and then dropped; axis values are never read.
 */
public final class EvdevDecoder {

  public static final int EVENT_SIZE = 24;
  static final int EV_SYN = 0;
  static final int EV_KEY = 1;
  static final int EV_REL = 2;
  static final int EV_ABS = 3;
  static final int BTN_MISC = 0x100;

  private final boolean synthetic;
  private final Consumer<InputEvent> sink;
  private boolean motionInFrame;

  /** @param synthetic the device is virtual (uinput), so everything it sends was injected */
  public EvdevDecoder(boolean synthetic, Consumer<InputEvent> sink) {
    this.synthetic = synthetic;
    this.sink = sink;
  }

  /** Decodes whole events from the buffer; a trailing partial event is left for the next read. */
  public void decode(ByteBuffer buffer) {
    buffer.order(ByteOrder.nativeOrder());
    while (buffer.remaining() >= EVENT_SIZE) {
      long seconds = buffer.getLong();
      long micros = buffer.getLong();
      int type = Short.toUnsignedInt(buffer.getShort());
      int code = Short.toUnsignedInt(buffer.getShort());
      int value = buffer.getInt();
      long millis = seconds * 1000 + micros / 1000;
      if (type == EV_KEY && value == 1) {
        sink.accept(new InputEvent(millis, code >= BTN_MISC ? InputEvent.Kind.POINTER : InputEvent.Kind.KEY, synthetic));
      } else if (type == EV_REL || type == EV_ABS) {
        motionInFrame = true;
      } else if (type == EV_SYN && motionInFrame) {
        motionInFrame = false;
        sink.accept(new InputEvent(millis, InputEvent.Kind.POINTER, synthetic));
      }
    }
  }
}
