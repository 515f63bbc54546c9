package dev.vaultoidc.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.vaultoidc.emulator.EmulatorRequest.CallerToken;
import dev.vaultoidc.emulator.IdentityView.EntitySnapshot;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.text.ParseException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Test-only collaborators for the OIDC engine: its router, an identity store, request builders. */
final class OidcTestFixtures {

    static final String API = "http://127.0.0.1:8200";
    static final String ISSUER = API + "/v1/identity/oidc";
    static final ObjectMapper JSON = new ObjectMapper();

    private OidcTestFixtures() {}

    /**
     * The OIDC engine on a router of its own, wired by {@link OidcPaths} as the core wires it, for
     * tests that need neither HTTP nor the identity store.
     */
    static final class Oidc {
        private final OidcEngine engine;
        private final Router router = new Router();

        Oidc(Clock clock, IdentityView identity, Supplier<String> apiAddress) {
            this.engine = new OidcEngine(clock, identity, apiAddress);
            new OidcPaths(engine).register(router);
        }

        /** One logical request, answered as the core would answer it (without the token check). */
        EmulatorResponse handle(EmulatorRequest request) {
            return router.dispatch(request, request.path(), OidcPaths.isUnauthenticated(request.path()));
        }

        OidcNamedKey namedKey(String name) {
            return engine.namedKey(name);
        }

        void tick() {
            engine.tick();
        }
    }

    /** An identity store holding whatever entities the test puts in it. */
    static final class FakeIdentity implements IdentityView {
        final Map<String, EntitySnapshot> entities = new ConcurrentHashMap<>();

        FakeIdentity put(EntitySnapshot e) {
            entities.put(e.id(), e);
            return this;
        }

        @Override
        public Optional<EntitySnapshot> entity(String entityId) {
            return Optional.ofNullable(entities.get(entityId));
        }
    }

    static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static EmulatorRequest get(String path) {
        return new EmulatorRequest("GET", path, Map.of(), Map.of(), Optional.of(rootToken()));
    }

    static EmulatorRequest list(String path) {
        return new EmulatorRequest("LIST", path, Map.of(), Map.of(), Optional.of(rootToken()));
    }

    static EmulatorRequest delete(String path) {
        return new EmulatorRequest("DELETE", path, Map.of(), Map.of(), Optional.of(rootToken()));
    }

    static EmulatorRequest post(String path, Map<String, Object> body) {
        return new EmulatorRequest("POST", path, Map.of(), body, Optional.of(rootToken()));
    }

    static EmulatorRequest getAs(String entityId, String path) {
        return new EmulatorRequest(
                "GET",
                path,
                Map.of(),
                Map.of(),
                Optional.of(new CallerToken("acc-" + entityId, Optional.of(entityId), false)));
    }

    static CallerToken rootToken() {
        return new CallerToken("root-accessor", Optional.empty(), true);
    }

    static String json(Object document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(EmulatorResponse r) {
        return (Map<String, Object>) r.data();
    }

    /** The JWKS as a client would read it off the wire. */
    static JWKSet jwks(Oidc engine) throws ParseException {
        return JWKSet.parse(
                json(engine.handle(get("identity/oidc/.well-known/keys")).data()));
    }

    /**
     * A Nimbus verifier for a JWK from the JWKS. Nimbus's own Ed25519Verifier needs Google Tink,
     * which this module does not depend on, so EdDSA is checked with the JDK's Ed25519 behind
     * Nimbus's JWSVerifier interface.
     */
    static JWSVerifier verifierFor(JWK jwk) throws JOSEException {
        if (jwk instanceof RSAKey rsa) {
            return new RSASSAVerifier(rsa);
        }
        if (jwk instanceof ECKey ec) {
            return new ECDSAVerifier(ec);
        }
        OctetKeyPair okp = (OctetKeyPair) jwk;
        return new JdkEd25519Verifier(okp);
    }

    static final class JdkEd25519Verifier implements JWSVerifier {
        private final PublicKey key;
        private final JCAContext jca = new JCAContext();

        JdkEd25519Verifier(OctetKeyPair okp) throws JOSEException {
            try {
                this.key = OidcSigningKey.ed25519PublicKey(okp.getDecodedX());
            } catch (GeneralSecurityException e) {
                throw new JOSEException(e.getMessage(), e);
            }
        }

        @Override
        public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initVerify(key);
                s.update(signingInput);
                return s.verify(signature.decode());
            } catch (GeneralSecurityException e) {
                throw new JOSEException(e.getMessage(), e);
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA);
        }

        @Override
        public JCAContext getJCAContext() {
            return jca;
        }
    }
}
