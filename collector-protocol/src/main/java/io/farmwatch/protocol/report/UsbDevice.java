package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A USB device.
 *
 * @param vendorId four lower-case hex digits, e.g. {@code 1d6b}
 * @param productId four lower-case hex digits
 * @param location bus path (Linux {@code 1-2.3}) or the OS's device path; {@code parentLocation}
 *     names the hub it hangs from, so the tree can be rebuilt
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsbDevice(
    String vendorId,
    String productId,
    String manufacturer,
    String product,
    String serial,
    String location,
    String parentLocation) {}
