package io.farmwatch.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.collector.auth.Access;
import io.farmwatch.collector.http.Json;
import io.farmwatch.collector.policy.PolicyService;
import io.farmwatch.collector.store.Actor;
import io.farmwatch.collector.store.ApiKey;
import io.farmwatch.collector.store.IssuedPolicy;
import io.farmwatch.protocol.ErrorCode;
import io.farmwatch.protocol.policy.PolicyProblems;
import io.farmwatch.protocol.policy.PolicyReader;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET} and {@code PUT /api/v1/policy} for administrators (PROTOCOL.md §7.5). */
public final class PolicyApi {

  private final PolicyService policy;

  public PolicyApi(PolicyService policy) {
    this.policy = policy;
  }

  public void register(RoutesConfig routes, Access access) {
    routes.get("/api/v1/policy", access.admin(this::show));
    routes.put("/api/v1/policy", access.admin(this::set));
  }

  void show(Context ctx, ApiKey key) {
    var current = policy.current();
    if (current.isEmpty()) {
      Json.error(ctx, ErrorCode.NOT_FOUND, "no policy has been set; PUT one");
      return;
    }
    Json.send(ctx, 200, view(policy, current.get()));
  }

  void set(Context ctx, ApiKey key) {
    JsonNode draft = ObjectBodies.readObject(ctx, PolicyReader.MAX_POLICY_BYTES);
    if (draft == null) {
      return;
    }
    try {
      Json.send(ctx, 200, view(policy, policy.set(draft, Actor.of(key))));
    } catch (PolicyProblems e) {
      Json.error(ctx, ErrorCode.INVALID_POLICY, e.getMessage());
    }
  }

  /** What {@code GET /api/v1/policy} and {@code policy show} print for one version. */
  public static Map<String, Object> view(PolicyService policy, IssuedPolicy issued) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", issued.version());
    out.put("issuedAt", issued.issuedAt().toString());
    out.put("keyId", policy.keyId());
    out.put("publicKey", policy.publicKeyPem());
    out.put("policy", policy.read(issued));
    return out;
  }
}
