package io.farmwatch.collector.correlate;

import com.fasterxml.jackson.annotation.JsonValue;
import io.farmwatch.protocol.report.FindingKind;

/**
 * One kind of evidence behind an alert, with how much it weighs. The names are an evidence entry's
 * {@code signal}; docs/correlation.md's Signals table lists each with its strength and meaning.
 */
public enum Signal {
  SAME_GATEWAY_MAC(Strength.STRONG, "two devices' default gateway is the same router"),
  SAME_WIFI_BSSID(Strength.STRONG, "associated with the same access point"),
  LAN_ADJACENCY(Strength.STRONG, "one device's neighbour table holds another enrolled device's NIC MAC"),
  SAME_EGRESS(Strength.WEAK, "same public address (carrier NAT and shared offices exist): never links devices alone"),
  SAME_PRIVATE_GATEWAY_IP(Strength.WEAK, "same private gateway address (every home has 192.168.1.1): never alone"),
  INTERLEAVED_ACTIVITY(Strength.STRONG,
      "busy in the same hours, rarely the same minutes (≤ 0.5 of chance, too few for two people): one operator"),
  OVERLAPPING_ACTIVITY(Strength.CONTEXT, "busy in the same minutes (≥ 0.75 of what chance predicts): separate people"),
  REMOTE_ACCESS(Strength.STRONG, "an agent found a remote-access tool (MEDIUM or above)"),
  REMOTE_SESSION(Strength.STRONG, "an agent found a remote session in progress (MEDIUM or above)"),
  IP_KVM(Strength.STRONG, "an agent found an IP-KVM between the laptop and its user (MEDIUM or above)"),
  MOUSE_JIGGLER(Strength.STRONG, "an agent found a mouse jiggler (MEDIUM or above)"),
  SYNTHETIC_INPUT(Strength.STRONG, "an agent found software-generated input (MEDIUM or above)"),
  VIRTUAL_MACHINE(Strength.STRONG, "the agent runs inside a virtual machine (MEDIUM or above)"),
  VIRTUAL_DISPLAY(Strength.STRONG, "an agent found a virtual or dummy display (MEDIUM or above)"),
  VPN(Strength.CONTEXT, "a consumer VPN hides where the device is"),
  SAME_HARDWARE_FINGERPRINT(Strength.STRONG, "several enrollments report one hardware fingerprint"),
  FINGERPRINT_CHANGED(Strength.STRONG, "the hardware fingerprint under one enrollment changed"),
  LOCALE_VS_ROSTER(Strength.CONTEXT, "time zone or input methods contradict what the roster claims"),
  WORKING_HOURS_VS_ROSTER(Strength.CONTEXT, "active minutes fall at night in the roster's time zone"),
  LAST_REPORT(Strength.CONTEXT, "when a silent agent last reported"),
  ROUTER_VPN(Strength.STRONG,
      "egress from a hosting or VPN network while the agent shows no VPN client or tunnel (a router-level VPN)"),
  EGRESS_COUNTRY(Strength.CONTEXT, "the egress address's country is not the one the roster claims"),
  SHARED_VPN_EXIT(Strength.WEAK, "several fleet machines leave through one VPN exit or provider at the same times"),
  ROUND_TRIP_TOO_NEAR(Strength.STRONG, "a minimum round trip below what light needs from the claimed city"),
  ROUND_TRIP_TOO_FAR(Strength.CONTEXT, "a minimum round trip above what the claimed city allows, slack included");

  /** How much a signal weighs: only strong ones link devices into a cluster. */
  public enum Strength {
    STRONG,
    WEAK,
    CONTEXT;

    /** The lower-case word evidence entries carry. */
    @JsonValue
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Strength strength;
  private final String description;

  Signal(Strength strength, String description) {
    this.strength = strength;
    this.description = description;
  }

  public Strength strength() {
    return strength;
  }

  public String description() {
    return description;
  }

  /** The signal an agent's finding of this kind gives, when it is one that lets someone else drive the device. */
  public static Signal ofControl(FindingKind kind) {
    return switch (kind) {
      case REMOTE_ACCESS -> REMOTE_ACCESS;
      case REMOTE_SESSION -> REMOTE_SESSION;
      case IP_KVM -> IP_KVM;
      case MOUSE_JIGGLER -> MOUSE_JIGGLER;
      case SYNTHETIC_INPUT -> SYNTHETIC_INPUT;
      case VIRTUAL_MACHINE -> VIRTUAL_MACHINE;
      case VIRTUAL_DISPLAY -> VIRTUAL_DISPLAY;
      default -> null;
    };
  }
}
