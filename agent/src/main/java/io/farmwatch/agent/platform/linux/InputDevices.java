package io.farmwatch.agent.platform.linux;

import io.farmwatch.protocol.report.InputDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parses {@code /proc/bus/input/devices}: the kernel's list of input devices and their IDs. */
public final class InputDevices {

  private InputDevices() {}

  public static List<InputDevice> parse(String text) {
    List<InputDevice> out = new ArrayList<>();
    for (String block : text.split("\n\\s*\n")) {
      String bus = null;
      String vendor = null;
      String product = null;
      String name = null;
      String handlers = "";
      for (String line : block.split("\n")) {
        if (line.startsWith("I: ")) {
          for (String kv : line.substring(3).strip().split("\\s+")) {
            String[] p = kv.split("=", 2);
            if (p.length == 2) {
              switch (p[0]) {
                case "Bus" -> bus = bus(p[1]);
                case "Vendor" -> vendor = p[1].toLowerCase(Locale.ROOT);
                case "Product" -> product = p[1].toLowerCase(Locale.ROOT);
                default -> { }
              }
            }
          }
        } else if (line.startsWith("N: Name=")) {
          name = line.substring(8).strip().replaceAll("^\"|\"$", "");
        } else if (line.startsWith("H: Handlers=")) {
          handlers = line.substring(12).strip();
        }
      }
      if (name == null) {
        continue;
      }
      List<String> kinds = new ArrayList<>();
      String event = null;
      for (String h : handlers.split("\\s+")) {
        if (h.equals("kbd")) {
          kinds.add("keyboard");
        } else if (h.startsWith("mouse")) {
          kinds.add("pointer");
        } else if (h.startsWith("event")) {
          event = "/dev/input/" + h;
        }
      }
      out.add(new InputDevice(name, bus, vendor, product, event, kinds));
    }
    return out;
  }

  static String bus(String hex) {
    return switch (hex.toLowerCase(Locale.ROOT)) {
      case "0003" -> "usb";
      case "0005" -> "bluetooth";
      case "0006" -> "virtual";
      case "0011" -> "i8042";
      case "0018" -> "i2c";
      case "0019" -> "host";
      case "001c" -> "spi";
      default -> "bus-" + hex;
    };
  }
}
