package io.farmwatch.agent.platform.windows.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The security descriptors the agent puts on what it creates, in SDDL, and the check of a DACL read
 * back. Every DACL is protected ("P": nothing inherited from the folder above, so a loosened
 * ProgramData cannot widen it) and names its trustees by SID (account names differ by language).
 */
public final class SecurityDescriptors {

  /** SYSTEM (the service) and the local Administrators group. */
  static final Set<String> SERVICE_TRUSTEES = Set.of("SY", "BA", "S-1-5-18", "S-1-5-32-544");

  /** The settings file with the enrollment token: full control for SYSTEM and Administrators, nobody else. */
  public static final String SETTINGS_FILE = "D:P(A;;FA;;;SY)(A;;FA;;;BA)";

  /**
   * A user's SID as it may appear in a session pipe's DACL: a local or domain account
   * (S-1-5-21-...) or an Entra ID account (S-1-12-1-...), never a group or well-known SID such as
   * Everyone, and nothing that could close the ACE and open another.
   */
  private static final Pattern USER_SID = Pattern.compile("S-1-(5-21|12-1)(-\\d{1,10}){4,5}");
  private static final Pattern ACE = Pattern.compile("\\(([^()]*)\\)");

  /** A SID that is not one person's account. */
  public static final class NotAUserSidException extends IllegalArgumentException {
    NotAUserSidException(String sid) {
      super("not a user account's SID: " + (sid == null ? "null" : sid.length() > 80 ? sid.substring(0, 80) + "..." : sid));
    }
  }

  private SecurityDescriptors() {}

  /**
   * The pipe of one session's helper: read and write for that session's user only; SYSTEM keeps
   * full control because the service creates each new instance of the pipe (FILE_CREATE_PIPE_INSTANCE).
   */
  public static String sessionPipe(String userSid) {
    if (userSid == null || !USER_SID.matcher(userSid).matches()) {
      throw new NotAUserSidException(userSid);
    }
    return "D:P(A;;FA;;;SY)(A;;GRGW;;;" + userSid + ")";
  }

  /**
   * Whether a DACL in SDDL (as ConvertSecurityDescriptorToStringSecurityDescriptor gives it) is
   * protected and allows nobody but SYSTEM and Administrators; deny entries are harmless.
   */
  public static boolean admitsOnlyService(String sddl) {
    List<String[]> aces = aces(sddl);
    if (aces == null) {
      return false;
    }
    for (String[] ace : aces) {
      if (ace.length < 6) {
        return false;
      }
      boolean allow = ace[0].equals("A") || ace[0].equals("OA");
      if (allow && !SERVICE_TRUSTEES.contains(ace[5])) {
        return false;
      }
    }
    return true;
  }

  /** The DACL's entries split into their six fields, or null when the DACL is absent or not protected. */
  private static List<String[]> aces(String sddl) {
    if (sddl == null) {
      return null;
    }
    int d = sddl.indexOf("D:");
    if (d < 0) {
      return null;
    }
    int end = sddl.indexOf("S:", d);
    String dacl = sddl.substring(d + 2, end < 0 ? sddl.length() : end);
    int firstAce = dacl.indexOf('(');
    String flags = firstAce < 0 ? dacl : dacl.substring(0, firstAce);
    if (flags.contains("NO_ACCESS_CONTROL") || !flags.contains("P")) {
      return null;
    }
    List<String[]> out = new ArrayList<>();
    Matcher m = ACE.matcher(dacl);
    while (m.find()) {
      out.add(m.group(1).split(";", -1));
    }
    return out;
  }
}
