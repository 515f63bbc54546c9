package dev.vaultoidc.examples;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.nimbusds.jwt.SignedJWT;
import java.io.PrintStream;
import java.text.ParseException;

/**
 * Prints an example's steps for a reader: numbered sections, one line per step, JSON indented under
 * its step. Examples never hand it a Vault token, secret_id or the compact form of an ID token: a
 * token is shown only as its decoded header and claims.
 */
final class Narrator {
    // Configured like the library's own (ISO instants, only the fields set), indented for reading.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final PrintStream out;
    private int section;

    Narrator(PrintStream out) {
        this.out = out;
    }

    /** Starts a numbered section, e.g. {@code [3] Groups}. */
    void section(String title) {
        section++;
        out.println();
        out.println("[" + section + "] " + title);
    }

    /** One step: what was done and what came back. */
    void step(String text) {
        out.println("  - " + text);
    }

    /** A step's detail, indented under it. */
    void detail(String text) {
        out.println("      " + text);
    }

    /** A value as indented JSON under the current step. */
    void json(Object value) {
        String text;
        try {
            text = JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            text = String.valueOf(value);
        }
        for (String line : text.split("\n")) {
            out.println("      " + line);
        }
    }

    /** The claims of a compact JWT (never the token itself), as indented JSON. */
    void claims(String compactJwt) {
        json(claimsOf(compactJwt));
    }

    static JsonNode claimsOf(String compactJwt) {
        try {
            return JSON.readTree(SignedJWT.parse(compactJwt).getPayload().toString());
        } catch (ParseException | JsonProcessingException e) {
            throw new IllegalArgumentException("not a signed JWT", e);
        }
    }

    static String keyIdOf(String compactJwt) {
        try {
            return SignedJWT.parse(compactJwt).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a signed JWT", e);
        }
    }

    /** A plain line, e.g. a banner or the result. */
    void line(String text) {
        out.println(text);
    }
}
