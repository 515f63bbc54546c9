package dev.vaultoidc.core.oidc;

import java.time.Duration;
import java.util.List;

/**
 * A named signing key as Vault reports it ({@code GET identity/oidc/key/:name}, spec §7.3).
 *
 * @param name             the key's name
 * @param algorithm        the signing algorithm
 * @param rotationPeriod   how often Vault rotates the key
 * @param verificationTtl  how long a rotated-out key stays published for verification; also the cap on
 *                         the ttl of tokens signed with it
 * @param allowedClientIds the role client IDs allowed to use the key; {@code ["*"]} means all, empty means none
 */
public record NamedKey(
        String name,
        KeyAlgorithm algorithm,
        Duration rotationPeriod,
        Duration verificationTtl,
        List<String> allowedClientIds) {
    /** Copies the list, so the record is immutable. */
    public NamedKey {
        allowedClientIds = allowedClientIds == null ? List.of() : List.copyOf(allowedClientIds);
    }
}
