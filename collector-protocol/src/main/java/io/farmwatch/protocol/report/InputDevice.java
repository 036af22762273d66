package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A human-interface device known to the OS.
 *
 * @param bus {@code usb}, {@code bluetooth}, {@code i2c}, {@code virtual}, ...
 * @param kinds {@code keyboard}, {@code pointer}, {@code touchpad}, ...
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputDevice(
    String name, String bus, String vendorId, String productId, String path, List<String> kinds) {}
