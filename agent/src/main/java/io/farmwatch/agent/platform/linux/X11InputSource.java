package io.farmwatch.agent.platform.linux;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.farmwatch.agent.input.source.InputEvent;
import io.farmwatch.agent.input.source.InputSource;
import io.farmwatch.agent.input.source.SourceUnavailableException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * X11 input timing from XInput2 raw events on the root window. Raw events come from the slave
 * device that produced them, so events injected through the XTEST extension (xdotool, most
 * remote-desktop servers) are told apart from physical keyboards and mice by their source device.
 *
 * <p>Only the event type, time and source device are read. The key code and the pointer valuators
 * in the same structure are never read.
 */
public final class X11InputSource implements InputSource {

  static final int GENERIC_EVENT = 35;
  static final int XI_RAW_KEY_PRESS = 13;
  static final int XI_RAW_BUTTON_PRESS = 15;
  static final int XI_RAW_MOTION = 17;
  static final int XI_ALL_MASTER_DEVICES = 1;
  /** sizeof(XEvent) on LP64: a union padded to 24 longs. */
  static final int XEVENT_SIZE = 24 * 8;
  /** XGenericEventCookie on LP64: type@0, serial@8, send_event@16, display@24, extension@32, evtype@36, cookie@40, data@48. */
  static final int COOKIE_EXTENSION = 32;
  static final int COOKIE_EVTYPE = 36;
  static final int COOKIE_DATA = 48;
  /** XIRawEvent on LP64: ..., evtype@36, time@40, deviceid@48, sourceid@52; time and valuators stay unread. */
  static final int RAW_SOURCEID = 52;
  /** XIDeviceInfo on LP64: deviceid@0, name@8, use@16, attachment@20, enabled@24, num_classes@28, classes@32; 40 bytes. */
  static final int DEVICE_INFO_SIZE = 40;
  static final int POLL_TIMEOUT_MILLIS = 250;

  private final String displayName;
  private volatile boolean running;
  private Thread thread;

  /** @param displayName e.g. {@code :0}; null for {@code $DISPLAY} */
  public X11InputSource(String displayName) {
    this.displayName = displayName;
  }

  @Override
  public String name() {
    return "x11-xinput2";
  }

  @Override
  public void start(Consumer<InputEvent> events) throws SourceUnavailableException {
    XLib x;
    XLib.Xi xi;
    try {
      x = XLib.X11;
      xi = XLib.Xi.XI;
    } catch (UnsatisfiedLinkError e) {
      throw new SourceUnavailableException("libX11 or libXi is not installed: " + e.getMessage());
    }
    Pointer display = x.XOpenDisplay(displayName);
    if (display == null) {
      throw new SourceUnavailableException("cannot open X display "
          + (displayName != null ? displayName : System.getenv("DISPLAY")));
    }
    IntByReference opcode = new IntByReference();
    if (x.XQueryExtension(display, "XInputExtension", opcode, new IntByReference(), new IntByReference()) == 0) {
      x.XCloseDisplay(display);
      throw new SourceUnavailableException("the X server has no XInput extension");
    }
    IntByReference major = new IntByReference(2);
    IntByReference minor = new IntByReference(0);
    if (xi.XIQueryVersion(display, major, minor) != 0) {
      x.XCloseDisplay(display);
      throw new SourceUnavailableException("the X server does not support XInput 2");
    }
    Set<Integer> synthetic = xtestDevices(xi, display);
    XLib.XIEventMask mask = new XLib.XIEventMask();
    mask.deviceid = XI_ALL_MASTER_DEVICES;
    mask.mask_len = 4;
    Memory bits = new Memory(4);
    bits.clear();
    int m = (1 << XI_RAW_KEY_PRESS) | (1 << XI_RAW_BUTTON_PRESS) | (1 << XI_RAW_MOTION);
    bits.setInt(0, m);
    mask.mask = bits;
    mask.write();
    NativeLong root = x.XDefaultRootWindow(display);
    xi.XISelectEvents(display, root, mask, 1);
    x.XFlush(display);
    running = true;
    int xiOpcode = opcode.getValue();
    thread = new Thread(() -> loop(x, display, xiOpcode, synthetic, events), "input-x11");
    thread.setDaemon(true);
    thread.start();
  }

  /** Slave devices named like the XTEST virtual devices: everything they send was injected. */
  private static Set<Integer> xtestDevices(XLib.Xi xi, Pointer display) {
    Set<Integer> ids = new HashSet<>();
    IntByReference count = new IntByReference();
    Pointer info = xi.XIQueryDevice(display, 0 /* XIAllDevices */, count);
    if (info == null) {
      return ids;
    }
    for (int i = 0; i < count.getValue(); i++) {
      Pointer dev = info.share((long) i * DEVICE_INFO_SIZE);
      Pointer name = dev.getPointer(8);
      if (name != null && name.getString(0).contains("XTEST")) {
        ids.add(dev.getInt(0));
      }
    }
    xi.XIFreeDeviceInfo(info);
    return ids;
  }

  private void loop(XLib x, Pointer display, int xiOpcode, Set<Integer> synthetic, Consumer<InputEvent> events) {
    Memory event = new Memory(XEVENT_SIZE);
    // struct pollfd {int fd; short events; short revents;}
    Memory pollFd = new Memory(8);
    pollFd.setInt(0, x.XConnectionNumber(display));
    pollFd.setShort(4, XLib.LibC.POLLIN);
    NativeLong one = new NativeLong(1);
    try {
      while (running) {
        if (x.XPending(display) == 0) {
          // Asleep until the server sends something; the timeout only bounds how long close() waits.
          XLib.LibC.C.poll(pollFd, one, POLL_TIMEOUT_MILLIS);
          continue;
        }
        x.XNextEvent(display, event);
        if (event.getInt(0) != GENERIC_EVENT || event.getInt(COOKIE_EXTENSION) != xiOpcode) {
          continue;
        }
        if (x.XGetEventData(display, event) == 0) {
          continue;
        }
        try {
          int type = event.getInt(COOKIE_EVTYPE);
          Pointer raw = event.getPointer(COOKIE_DATA);
          InputEvent.Kind kind = type == XI_RAW_KEY_PRESS ? InputEvent.Kind.KEY : InputEvent.Kind.POINTER;
          if (type == XI_RAW_KEY_PRESS || type == XI_RAW_BUTTON_PRESS || type == XI_RAW_MOTION) {
            int source = raw.getInt(RAW_SOURCEID);
            events.accept(new InputEvent(System.currentTimeMillis(), kind, synthetic.contains(source)));
          }
        } finally {
          x.XFreeEventData(display, event);
        }
      }
    } finally {
      x.XCloseDisplay(display);
    }
  }

  @Override
  public void close() {
    running = false;
    if (thread != null) {
      try {
        thread.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
