package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The Wi-Fi network an interface is associated with. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WifiLink(
    String interfaceName, String ssid, String bssid, Integer signalDbm, Integer frequencyMhz) {}
