package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** What is plugged into the machine. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Peripherals(
    List<UsbDevice> usb, List<DisplayInfo> displays, List<InputDevice> inputDevices) {}
