package io.farmwatch.protocol.limits;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.ProtocolLimits;
import io.farmwatch.protocol.ProtocolLimits.Syntax;
import io.farmwatch.protocol.report.NetworkState;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Unavailable;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Holds a report to {@link ProtocolLimits}: the collector {@linkplain #check checks} and refuses,
 * the agent {@linkplain #fit fits} its own reports and lists what it cut. Both walk the same schema,
 * built once from the report records, so the two ends cannot apply different rules.
 */
public final class ReportLimits {

  /** {@code unavailable[].source} of the entries {@link #fit} adds for what it cut. */
  public static final String CUT_SOURCE = "agent: protocol limits (PROTOCOL.md section 6)";

  private static final RecordNode SCHEMA = (RecordNode) node(Report.class, "");

  private ReportLimits() {}

  /** The first limit the report breaks, or empty when it keeps them all. */
  public static Optional<LimitViolation> check(Report report) {
    try {
      new Walk(false).visit(SCHEMA, report);
      return Optional.empty();
    } catch (Broken b) {
      return Optional.of(b.violation());
    }
  }

  /**
   * The report cut to the limits: lists cut to their length, strings to theirs, malformed
   * addresses and null items dropped, each kind of cut listed once in {@code unavailable}; then, if
   * its JSON would still pass the payload limit, the longest of its big lists halved until it fits.
   */
  public static Report fit(Report report) {
    Walk walk = new Walk(true);
    Report fitted = fitPayload((Report) walk.visit(SCHEMA, report), walk.cuts);
    if (walk.cuts.isEmpty()) {
      return report;
    }
    List<Unavailable> marks = new ArrayList<>();
    walk.cuts.forEach((path, cut) -> marks.add(new Unavailable(path, CUT_SOURCE, cut.describe())));
    List<Unavailable> unavailable = new ArrayList<>(fitted.unavailable());
    int room = ProtocolLimits.LIST_ITEMS.get("unavailable") - marks.size();
    if (unavailable.size() > room) {
      int kept = room - 1;
      marks.add(new Unavailable("unavailable", CUT_SOURCE,
          (unavailable.size() - kept) + " entries cut to make room for these"));
      unavailable = new ArrayList<>(unavailable.subList(0, kept));
    }
    unavailable.addAll(marks);
    return new Report(fitted.schemaVersion(), fitted.device(), fitted.hardware(), fitted.network(),
        fitted.processes(), fitted.peripherals(), fitted.locale(), fitted.input(), fitted.agent(),
        fitted.findings(), unavailable);
  }

  /** Room left in the payload for the cut markers {@link #fit} appends. */
  private static final int MARKS_RESERVE = 64 * 1024;

  /**
   * Every list within its own limit can still add up to more than the payload limit (4,096
   * processes and 8,192 sockets alone can), so the longest of the lists that make reports large is
   * halved until the JSON fits.
   */
  private static Report fitPayload(Report report, Map<String, Cut> cuts) {
    Report r = report;
    while (jsonBytes(r) > ProtocolLimits.MAX_PAYLOAD_BYTES - MARKS_RESERVE) {
      NetworkState n = r.network();
      int processes = size(r.processes());
      int sockets = n == null ? 0 : size(n.sockets());
      int neighbors = n == null ? 0 : size(n.neighbors());
      int routes = n == null ? 0 : size(n.routes());
      int largest = Math.max(Math.max(processes, sockets), Math.max(neighbors, routes));
      if (largest <= 1) {
        return r; // large for some other reason; the collector will say which
      }
      int half = largest / 2;
      String path = largest == processes ? "processes" : largest == sockets ? "network.sockets"
          : largest == neighbors ? "network.neighbors" : "network.routes";
      Cut cut = cuts.computeIfAbsent(path, p -> new Cut(""));
      cut.what = "cut to " + half + " items to keep the report within " + ProtocolLimits.MAX_PAYLOAD_BYTES + " bytes";
      cut.count = 1;
      if (path.equals("processes")) {
        r = new Report(r.schemaVersion(), r.device(), r.hardware(), n, r.processes().subList(0, half),
            r.peripherals(), r.locale(), r.input(), r.agent(), r.findings(), r.unavailable());
      } else {
        NetworkState cutNetwork = new NetworkState(n.interfaces(),
            path.equals("network.routes") ? n.routes().subList(0, half) : n.routes(), n.defaultGateways(),
            path.equals("network.neighbors") ? n.neighbors().subList(0, half) : n.neighbors(), n.dnsServers(),
            n.wifi(), path.equals("network.sockets") ? n.sockets().subList(0, half) : n.sockets());
        r = new Report(r.schemaVersion(), r.device(), r.hardware(), cutNetwork, r.processes(), r.peripherals(),
            r.locale(), r.input(), r.agent(), r.findings(), r.unavailable());
      }
    }
    return r;
  }

  private static int size(List<?> list) {
    return list == null ? 0 : list.size();
  }

  private static int jsonBytes(Report report) {
    try {
      return ProtocolJson.mapper().writeValueAsBytes(report).length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("reports always serialize", e);
    }
  }

  // ---- the schema: one node per report field that has a limit ----

  private sealed interface Node permits RecordNode, StringNode, ListNode, EvidenceNode {}

  /** A record component's accessor as a generated function: a stored method handle would be invoked unlinked. */
  private record Component(Function<Object, Object> accessor, Node node) {}

  private record RecordNode(Constructor<?> constructor, List<Component> components) implements Node {}

  private record StringNode(String path, int maxChars, Syntax syntax) implements Node {}

  private record ListNode(String path, int maxItems, Node element) implements Node {}

  private record EvidenceNode(String path, int maxChars) implements Node {}

  private static Node node(Type type, String path) {
    Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    if (raw == String.class) {
      return new StringNode(path, ProtocolLimits.STRING_CHARS.getOrDefault(path, ProtocolLimits.DEFAULT_STRING_CHARS),
          ProtocolLimits.SYNTAX.get(path));
    }
    if (raw == Map.class) {
      return new EvidenceNode(path, ProtocolLimits.STRING_CHARS.getOrDefault(path, ProtocolLimits.DEFAULT_STRING_CHARS));
    }
    if (raw == List.class) {
      Integer max = ProtocolLimits.LIST_ITEMS.get(path);
      if (max == null) {
        throw new IllegalStateException("ProtocolLimits.LIST_ITEMS has no limit for " + path);
      }
      Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
      return new ListNode(path, max, node(element, path + "[]"));
    }
    if (raw.isRecord()) {
      return record(raw, path.isEmpty() ? "" : path + ".");
    }
    return null; // numbers, booleans, instants, enums: bounded by their type
  }

  private static RecordNode record(Class<?> type, String prefix) {
    try {
      RecordComponent[] parts = type.getRecordComponents();
      List<Component> components = new ArrayList<>();
      for (RecordComponent c : parts) {
        components.add(new Component(accessor(c.getAccessor()), node(c.getGenericType(), prefix + c.getName())));
      }
      Class<?>[] types = Arrays.stream(parts).map(RecordComponent::getType).toArray(Class<?>[]::new);
      return new RecordNode(type.getDeclaredConstructor(types), components);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("report records are public", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Function<Object, Object> accessor(Method method) throws ReflectiveOperationException {
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    Class<?> returned = MethodType.methodType(method.getReturnType()).wrap().returnType();
    try {
      return (Function<Object, Object>) LambdaMetafactory.metafactory(lookup, "apply",
          MethodType.methodType(Function.class), MethodType.methodType(Object.class, Object.class),
          lookup.unreflect(method), MethodType.methodType(returned, method.getDeclaringClass()))
          .getTarget().invokeExact();
    } catch (ReflectiveOperationException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("a metafactory's target only constructs the function", e);
    }
  }

  // ---- the walk ----

  /** Unwinds a check to the first violation; carries the list indexes it passes on the way out. */
  private static final class Broken extends RuntimeException {
    final String genericPath;
    final String suffix;
    final boolean overLimit;
    final String problem;
    final List<Integer> indexes = new ArrayList<>();

    Broken(String genericPath, String suffix, boolean overLimit, String problem) {
      super(null, null, false, false);
      this.genericPath = genericPath;
      this.suffix = suffix;
      this.overLimit = overLimit;
      this.problem = problem;
    }

    LimitViolation violation() {
      StringBuilder field = new StringBuilder();
      int from = 0;
      for (int i = indexes.size() - 1; i >= 0; i--) {
        int at = genericPath.indexOf("[]", from);
        field.append(genericPath, from, at).append('[').append(indexes.get(i)).append(']');
        from = at + 2;
      }
      field.append(genericPath.substring(from)).append(suffix);
      return new LimitViolation(field.toString(), overLimit, field + " " + problem);
    }
  }

  private static final class Cut {
    String what;
    int count;

    Cut(String what) {
      this.what = what;
    }

    String describe() {
      return what + (count == 1 ? "" : " (" + count + " times)");
    }
  }

  private static final class Walk {
    final boolean fit;
    final Map<String, Cut> cuts = new LinkedHashMap<>();

    Walk(boolean fit) {
      this.fit = fit;
    }

    /** Breaks the rule (check) or notes the cut (fit). */
    void broken(String path, String suffix, boolean overLimit, String problem, String cut) {
      if (!fit) {
        throw new Broken(path, suffix, overLimit, problem);
      }
      cuts.computeIfAbsent(path, p -> new Cut(cut)).count++;
    }

    /** The value, or its fitted replacement; null drops it. */
    Object visit(Node node, Object value) {
      if (node instanceof RecordNode r) {
        return visitRecord(r, value);
      }
      if (node instanceof StringNode s) {
        return visitString(s, (String) value);
      }
      if (node instanceof ListNode l) {
        return visitList(l, (List<?>) value);
      }
      return visitEvidence((EvidenceNode) node, value);
    }

    private Object visitRecord(RecordNode node, Object value) {
      Object[] args = null;
      List<Component> components = node.components();
      for (int i = 0; i < components.size(); i++) {
        Component c = components.get(i);
        if (c.node() == null) {
          continue;
        }
        Object part = c.accessor().apply(value);
        if (part == null) {
          continue;
        }
        Object fitted = visit(c.node(), part);
        if (fitted != part) {
          if (args == null) {
            args = new Object[components.size()];
            for (int j = 0; j < args.length; j++) {
              args[j] = components.get(j).accessor().apply(value);
            }
          }
          args[i] = fitted;
        }
      }
      if (args == null) {
        return value;
      }
      try {
        return node.constructor().newInstance(args);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("report records accept their own values", e);
      }
    }

    private String visitString(StringNode node, String value) {
      String out = value;
      if (value.length() > node.maxChars()) {
        broken(node.path(), "", true, "is " + value.length() + " characters, over the limit of " + node.maxChars(),
            "cut to " + node.maxChars() + " characters");
        out = cut(value, node.maxChars());
      }
      if (node.syntax() != null && !FieldSyntax.matches(node.syntax(), out)) {
        broken(node.path(), "", false, "is not a valid " + node.syntax(), "dropped: not a valid " + node.syntax());
        return null;
      }
      return out;
    }

    private List<?> visitList(ListNode node, List<?> value) {
      List<?> items = value;
      if (items.size() > node.maxItems()) {
        broken(node.path(), "", true, "has " + items.size() + " items, over the limit of " + node.maxItems(),
            "cut to " + node.maxItems() + " items");
        items = items.subList(0, node.maxItems());
      }
      // Copied only from the first item that changes: a check changes nothing and allocates nothing.
      List<Object> out = null;
      for (int i = 0; i < items.size(); i++) {
        Object item = items.get(i);
        Object fitted;
        try {
          if (item == null) {
            broken(node.path() + "[]", "", false, "is null", "null items dropped");
          }
          fitted = item == null || node.element() == null ? item : visit(node.element(), item);
        } catch (Broken b) {
          b.indexes.add(i);
          throw b;
        }
        if (out == null && (fitted != item || item == null)) {
          out = new ArrayList<>(items.subList(0, i));
        }
        if (out != null && fitted != null) {
          out.add(fitted);
        }
      }
      return out != null ? out : items != value ? new ArrayList<>(items) : value;
    }

    private Object visitEvidence(EvidenceNode node, Object value) {
      int[] entries = {0};
      return evidenceValue(node, value, "", 1, entries);
    }

    /** One evidence value at the given depth; null drops it. */
    private Object evidenceValue(EvidenceNode node, Object value, String at, int depth, int[] entries) {
      if (value instanceof Map<?, ?> || value instanceof List<?>) {
        if (depth > ProtocolLimits.MAX_EVIDENCE_DEPTH) {
          broken(node.path(), at, true, "nests deeper than " + ProtocolLimits.MAX_EVIDENCE_DEPTH + " levels",
              "values nested deeper than " + ProtocolLimits.MAX_EVIDENCE_DEPTH + " levels dropped");
          return null;
        }
        return value instanceof Map<?, ?> m ? evidenceMap(node, m, at, depth, entries)
            : evidenceList(node, (List<?>) value, at, depth, entries);
      }
      if (++entries[0] > ProtocolLimits.MAX_EVIDENCE_ENTRIES) {
        broken(node.path(), at, true, "is past the limit of " + ProtocolLimits.MAX_EVIDENCE_ENTRIES
            + " evidence values", "cut to " + ProtocolLimits.MAX_EVIDENCE_ENTRIES + " values");
        return null;
      }
      if (value instanceof String s && s.length() > node.maxChars()) {
        broken(node.path(), at, true, "is " + s.length() + " characters, over the limit of " + node.maxChars(),
            "cut to " + node.maxChars() + " characters");
        return cut(s, node.maxChars());
      }
      return value;
    }

    private Object evidenceMap(EvidenceNode node, Map<?, ?> map, String at, int depth, int[] entries) {
      Map<Object, Object> out = new LinkedHashMap<>();
      boolean changed = false;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        if (key.length() > ProtocolLimits.MAX_EVIDENCE_KEY_CHARS) {
          broken(node.path(), at + "." + cut(key, 32) + "…", true, "key is " + key.length()
              + " characters, over the limit of " + ProtocolLimits.MAX_EVIDENCE_KEY_CHARS,
              "entries with keys over " + ProtocolLimits.MAX_EVIDENCE_KEY_CHARS + " characters dropped");
          changed = true;
          continue;
        }
        Object v = e.getValue();
        Object fitted = v == null ? null : evidenceValue(node, v, at + "." + key, depth + 1, entries);
        changed |= fitted != v;
        if (fitted != null) {
          out.put(e.getKey(), fitted);
        }
      }
      return changed ? out : map;
    }

    private Object evidenceList(EvidenceNode node, List<?> list, String at, int depth, int[] entries) {
      List<Object> out = new ArrayList<>();
      boolean changed = false;
      for (int i = 0; i < list.size(); i++) {
        Object v = list.get(i);
        Object fitted = v == null ? null : evidenceValue(node, v, at + "[" + i + "]", depth + 1, entries);
        changed |= fitted != v;
        if (fitted != null) {
          out.add(fitted);
        }
      }
      return changed ? out : list;
    }
  }

  /** The first {@code max} characters, not splitting a surrogate pair. */
  private static String cut(String s, int max) {
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end);
  }
}
