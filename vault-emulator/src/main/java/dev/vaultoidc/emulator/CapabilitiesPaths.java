package dev.vaultoidc.emulator;

import static dev.vaultoidc.emulator.Router.badRequest;

import dev.vaultoidc.emulator.acl.Acl;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sys/capabilities}, {@code sys/capabilities-self} and {@code sys/capabilities-accessor}:
 * what a token may do on given paths, with the bodies and errors OpenBao 2.7.2 answers. They answer
 * from the stored policies whether or not enforcement is on.
 *
 * <ul>
 *   <li>{@code paths} (a list or a comma string), else the deprecated {@code path}; neither →
 *       400 {@code paths must be supplied}.
 *   <li>The answer maps each path to its sorted capabilities ({@code ["root"]} for root,
 *       {@code ["deny"]} when nothing applies); with exactly one path it also carries
 *       {@code capabilities}, for old clients. The data is copied to the top level of the body,
 *       as Vault does for these legacy paths.
 * </ul>
 */
final class CapabilitiesPaths {

    private final TokenStore tokens;
    private final AclEnforcer acl;
    private final Flavour flavour;

    CapabilitiesPaths(TokenStore tokens, AclEnforcer acl, Flavour flavour) {
        this.tokens = tokens;
        this.acl = acl;
        this.flavour = flavour;
    }

    void register(Router r) {
        r.add("sys/capabilities-self", "paths", "path", "token").on("POST", req -> answer(req, tokens.caller(req)));
        r.add("sys/capabilities", "paths", "path", "token").on("POST", req -> {
            String id = Fields.string(req.body(), "token").orElse("");
            if (id.isEmpty()) {
                throw new Router.PlainError("no token found");
            }
            Optional<TokenStore.Token> token = tokens.valid(id);
            if (token.isEmpty()) {
                return badRequest(GoText.multiError("invalid token"));
            }
            return answer(req, token);
        });
        r.add("sys/capabilities-accessor", "paths", "path", "accessor").on("POST", req -> {
            String accessor = Fields.string(req.body(), "accessor").orElse("");
            if (accessor.isEmpty()) {
                return badRequest("missing accessor");
            }
            Optional<TokenStore.Token> token = tokens.byAccessor(accessor);
            if (token.isEmpty()) {
                return badRequest(GoText.multiError("invalid accessor"));
            }
            return answer(req, token);
        });
    }

    private EmulatorResponse answer(EmulatorRequest req, Optional<TokenStore.Token> token) {
        List<String> paths = Fields.commaStringSlice(req.body(), "paths").orElse(List.of());
        if (paths.isEmpty()) {
            paths = Fields.commaStringSlice(req.body(), "path").orElse(List.of());
        }
        if (paths.isEmpty()) {
            return badRequest("paths must be supplied");
        }
        if (token.isEmpty()) {
            throw new Router.PlainError("no token found");
        }
        Acl tokenAcl;
        try {
            tokenAcl = acl.aclOf(token.get());
        } catch (IllegalArgumentException e) {
            throw new Router.PlainError(e.getMessage());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        for (String path : paths) {
            data.put(path, tokenAcl.capabilities(path));
        }
        if (paths.size() == 1) {
            data.put("capabilities", data.get(paths.get(0)));
        }
        return EmulatorResponse.legacySys(data, flavour);
    }
}
