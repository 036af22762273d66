package io.farmwatch.agent.detect.catalog;

import java.util.Locale;

/**
 * What one device family announces over USB, compared exactly (case-insensitive, trimmed). Every
 * given field must match; a family needs its ID and at least one string, so families that share a
 * gadget ID (PiKVM, TinyPilot, JetKVM all use Linux's 1d6b:0104) are told apart by their strings.
 *
 * @param usb {@code vendor:product} in lower-case hex
 * @param serial null when the family lets each unit choose its own
 */
public record UsbDescriptor(String usb, String manufacturer, String product, String serial) {

  /** Whether a device with these descriptor values is this family. */
  public boolean matches(String id, String manufacturer, String product, String serial) {
    return same(usb, id) && same(this.manufacturer, manufacturer) && same(this.product, product)
        && same(this.serial, serial);
  }

  /**
   * Whether an input device is this family: Linux names a USB HID device's input nodes
   * "manufacturer product", with a suffix such as " Mouse" or " Keyboard" for each interface.
   */
  public boolean matchesInput(String id, String name) {
    String expected = ((manufacturer == null ? "" : manufacturer.strip() + " ")
        + (product == null ? "" : product.strip())).strip().toLowerCase(Locale.ROOT);
    String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    return same(usb, id) && !expected.isEmpty() && (n.equals(expected) || n.startsWith(expected + " "));
  }

  private static boolean same(String expected, String actual) {
    return expected == null || actual != null && expected.strip().equalsIgnoreCase(actual.strip());
  }
}
