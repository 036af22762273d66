package io.farmwatch.agent.probe.peripheral;

import io.farmwatch.protocol.report.DisplayInfo;

/**
 * Parses the 128-byte EDID base block (VESA E-EDID 1.3/1.4): manufacturer PNP ID, product code,
 * serial, physical size and the monitor name and serial descriptors. An IP-KVM announces itself
 * here with its own EDID, which is why displays matter to FarmWatch.
 */
public final class Edid {

  private static final byte[] HEADER = {0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
      (byte) 0xff, (byte) 0xff, 0};

  private Edid() {}

  /** Thrown for bytes that are not a valid EDID base block. */
  public static final class InvalidEdidException extends Exception {
    InvalidEdidException(String message) {
      super(message);
    }
  }

  public static DisplayInfo parse(String connector, byte[] edid) throws InvalidEdidException {
    if (edid.length < 128) {
      throw new InvalidEdidException("EDID is " + edid.length + " bytes; the base block is 128");
    }
    for (int i = 0; i < HEADER.length; i++) {
      if (edid[i] != HEADER[i]) {
        throw new InvalidEdidException("EDID header is missing");
      }
    }
    int sum = 0;
    for (int i = 0; i < 128; i++) {
      sum += edid[i] & 0xff;
    }
    if ((sum & 0xff) != 0) {
      throw new InvalidEdidException("EDID checksum does not add up");
    }
    int id = ((edid[8] & 0xff) << 8) | (edid[9] & 0xff);
    String manufacturer = "" + (char) ('A' - 1 + ((id >> 10) & 0x1f)) + (char) ('A' - 1 + ((id >> 5) & 0x1f))
        + (char) ('A' - 1 + (id & 0x1f));
    String productCode = String.format("%04x", ((edid[11] & 0xff) << 8) | (edid[10] & 0xff));
    long serialNumber = (edid[12] & 0xffL) | (edid[13] & 0xffL) << 8 | (edid[14] & 0xffL) << 16
        | (edid[15] & 0xffL) << 24;
    String name = null;
    String serial = serialNumber == 0 ? null : Long.toString(serialNumber);
    for (int d = 54; d <= 108; d += 18) {
      if (edid[d] == 0 && edid[d + 1] == 0) {
        int tag = edid[d + 3] & 0xff;
        String text = descriptorText(edid, d + 5);
        if (tag == 0xfc) {
          name = text;
        } else if (tag == 0xff && !text.isEmpty()) {
          serial = text;
        }
      }
    }
    int widthCm = edid[21] & 0xff;
    int heightCm = edid[22] & 0xff;
    return new DisplayInfo(connector, manufacturer, productCode, name == null || name.isEmpty() ? null : name,
        serial, widthCm == 0 ? null : widthCm * 10, heightCm == 0 ? null : heightCm * 10);
  }

  private static String descriptorText(byte[] edid, int from) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < from + 13; i++) {
      char c = (char) (edid[i] & 0xff);
      if (c == '\n') {
        break;
      }
      sb.append(c);
    }
    return sb.toString().strip();
  }
}
