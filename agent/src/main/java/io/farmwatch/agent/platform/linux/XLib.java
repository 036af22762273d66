package io.farmwatch.agent.platform.linux;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;

/** The few Xlib and XInput2 calls the sampler needs, bound with JNA. */
interface XLib extends Library {

  XLib X11 = Native.load("X11", XLib.class);

  Pointer XOpenDisplay(String name);

  int XCloseDisplay(Pointer display);

  NativeLong XDefaultRootWindow(Pointer display);

  int XQueryExtension(Pointer display, String name, IntByReference opcode, IntByReference event,
      IntByReference error);

  int XPending(Pointer display);

  int XNextEvent(Pointer display, Pointer event);

  int XGetEventData(Pointer display, Pointer cookie);

  void XFreeEventData(Pointer display, Pointer cookie);

  int XFlush(Pointer display);

  /** The socket to the X server: the sampler sleeps in poll(2) on it instead of waking to ask. */
  int XConnectionNumber(Pointer display);

  /** libc's poll(2), for the connection socket. */
  interface LibC extends Library {
    LibC C = Native.load("c", LibC.class);
    short POLLIN = 1;

    int poll(Pointer fds, NativeLong count, int timeoutMillis);
  }

  /** libXi. */
  interface Xi extends Library {
    Xi XI = Native.load("Xi", Xi.class);

    int XIQueryVersion(Pointer display, IntByReference major, IntByReference minor);

    int XISelectEvents(Pointer display, NativeLong window, XIEventMask mask, int count);

    Pointer XIQueryDevice(Pointer display, int deviceId, IntByReference count);

    void XIFreeDeviceInfo(Pointer info);
  }

  /** {@code XIEventMask}: which device, and a bit mask of event types. */
  @Structure.FieldOrder({"deviceid", "mask_len", "mask"})
  class XIEventMask extends Structure {
    public int deviceid;
    public int mask_len;
    public Pointer mask;
  }
}
