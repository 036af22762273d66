package io.farmwatch.protocol.limits;

import io.farmwatch.protocol.ProtocolLimits.Syntax;
import java.util.regex.Pattern;

/** Checks a string against its field's {@link Syntax}, by pattern only (never a DNS lookup). */
final class FieldSyntax {

  private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5,19}");
  private static final Pattern IPV4 =
      Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}(%[0-9A-Za-z_.-]{1,32})?");

  private FieldSyntax() {}

  static boolean matches(Syntax syntax, String value) {
    return switch (syntax) {
      case MAC -> MAC.matcher(value).matches();
      case IP -> ip(value);
      case CIDR -> cidr(value);
    };
  }

  private static boolean ip(String value) {
    if (value.indexOf(':') < 0) {
      return IPV4.matcher(value).matches();
    }
    return IPV6.matcher(value).matches() && value.chars().filter(c -> c == ':').count() >= 2;
  }

  private static boolean cidr(String value) {
    int slash = value.lastIndexOf('/');
    if (slash <= 0 || slash == value.length() - 1 || value.length() - slash > 4) {
      return false;
    }
    String address = value.substring(0, slash);
    int prefix;
    try {
      prefix = Integer.parseInt(value.substring(slash + 1));
    } catch (NumberFormatException e) {
      return false;
    }
    return ip(address) && prefix >= 0 && prefix <= (address.indexOf(':') < 0 ? 32 : 128);
  }
}
