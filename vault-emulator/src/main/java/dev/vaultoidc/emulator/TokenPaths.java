package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.Router.badRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The token auth method's paths that tests need: create, lookup(-self), renew-self, revoke(-self). */
final class TokenPaths {

  private static final String[] CREATE_FIELDS = {"id", "policies", "meta", "no_parent",
      "no_default_policy", "renewable", "ttl", "explicit_max_ttl", "display_name", "num_uses",
      "period", "type", "entity_alias", "role_name"};

  private final Clock clock;
  private final TokenStore tokens;

  TokenPaths(Clock clock, TokenStore tokens) {
    this.clock = clock;
    this.tokens = tokens;
  }

  void register(Router r) {
    r.add("auth/token/create", CREATE_FIELDS).on("POST", req -> create(req, false));
    r.add("auth/token/create-orphan", CREATE_FIELDS).on("POST", req -> create(req, true));
    r.add("auth/token/lookup-self", "token")
        .on("GET", this::lookupSelf).on("POST", this::lookupSelf);
    r.add("auth/token/lookup", "token").on("POST", req -> {
      String id = Fields.string(req.body(), "token").orElse("");
      if (id.isEmpty()) {
        return badRequest("missing token to look up");
      }
      return tokens.valid(id).map(t -> EmulatorResponse.data(lookupData(t)))
          .orElseGet(() -> badRequest("bad token"));
    });
    r.add("auth/token/renew-self", "increment", "token").on("POST", this::renewSelf);
    r.add("auth/token/revoke-self").on("POST", req -> {
      tokens.caller(req).ifPresent(t -> tokens.revoke(t.id()));
      return EmulatorResponse.noContent();
    });
    r.add("auth/token/revoke", "token").on("POST", req -> {
      tokens.revoke(Fields.string(req.body(), "token").orElse(""));
      return EmulatorResponse.noContent();
    });
  }

  private EmulatorResponse create(EmulatorRequest req, boolean orphan) {
    Map<String, Object> d = req.body();
    TokenStore.Token parent = tokens.caller(req).orElseThrow();
    Optional<List<String>> policiesIn = Fields.commaStringSlice(d, "policies");
    Optional<Map<String, String>> meta = Fields.kvPairs(d, "meta");
    boolean noParent = Fields.bool(d, "no_parent").orElse(false);
    boolean noDefault = Fields.bool(d, "no_default_policy").orElse(false);
    boolean renewable = Fields.bool(d, "renewable").orElse(true);
    Optional<Long> ttl = Fields.durationSeconds(d, "ttl");
    Optional<Long> maxTtl = Fields.durationSeconds(d, "explicit_max_ttl");
    String displayName = Fields.string(d, "display_name").orElse("");

    List<String> policies;
    if (policiesIn.isEmpty()) {
      policies = parent.policies();
    } else {
      List<String> p = new ArrayList<>(IdentityStore.removeDuplicates(policiesIn.get()));
      if (!noDefault && !p.contains("root") && !p.contains("default")) {
        p.add("default");
      }
      policies = IdentityStore.removeDuplicates(p);
    }
    long ttlSeconds = ttl.orElse(policies.contains("root") ? 0L : TokenStore.DEFAULT_TTL_SECONDS);
    boolean isOrphan = orphan || noParent;
    TokenStore.Token token = tokens.create(policies, parent.entityId(),
        orphan ? "auth/token/create-orphan" : "auth/token/create", ttlSeconds, maxTtl.orElse(0L),
        meta.orElse(null), displayName.isEmpty() ? "token" : "token-" + displayName, renewable,
        isOrphan ? null : parent.id());
    return EmulatorResponse.auth(TokenStore.authBlock(token, null));
  }

  private EmulatorResponse lookupSelf(EmulatorRequest req) {
    return tokens.caller(req).map(t -> EmulatorResponse.data(lookupData(t)))
        .orElseGet(() -> badRequest("bad token"));
  }

  private Map<String, Object> lookupData(TokenStore.Token t) {
    Instant now = clock.instant();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("accessor", t.accessor());
    d.put("creation_time", t.issued().getEpochSecond());
    d.put("creation_ttl", t.ttlSeconds());
    d.put("display_name", t.displayName());
    d.put("entity_id", t.entityId() == null ? "" : t.entityId());
    d.put("expire_time", t.expiresAt() == null ? null : Json.timestamp(t.expiresAt()));
    d.put("explicit_max_ttl", 0);
    d.put("id", t.id());
    d.put("issue_time", Json.timestamp(t.issued()));
    d.put("meta", t.meta());
    d.put("num_uses", 0);
    d.put("orphan", t.orphan());
    d.put("path", t.path());
    d.put("policies", t.policies());
    d.put("renewable", t.renewable());
    d.put("ttl", t.remainingSeconds(now));
    d.put("type", "service");
    return d;
  }

  private EmulatorResponse renewSelf(EmulatorRequest req) {
    TokenStore.Token token = tokens.caller(req).orElseThrow();
    Optional<Long> increment = Fields.durationSeconds(req.body(), "increment");
    if (token.expiresAt() == null) {
      return EmulatorResponse.auth(TokenStore.authBlock(token, null));
    }
    if (!token.renewable()) {
      return badRequest("lease is not renewable");
    }
    TokenStore.Token renewed = tokens.renew(token, increment.orElse(null));
    // authBlock reports the renewed TTL computed at the renewal instant; reading the clock again
    // here would floor 3600 s to 3599 s and look like a max-TTL cap to clients.
    return EmulatorResponse.auth(TokenStore.authBlock(renewed, null));
  }
}
