package dev.vaultoidc.servlet;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The validated, immutable configuration of one {@link VaultOidcFilter}. */
record FilterSettings(
        String realm,
        String principalClaim,
        String rolesClaim,
        List<String> requiredRoles,
        Map<String, String> requiredClaims,
        PathPatterns excludedPaths,
        boolean jsonErrors,
        String headerName,
        Duration retryAfter) {

    FilterSettings {
        requiredRoles = List.copyOf(requiredRoles);
        requiredClaims = Map.copyOf(requiredClaims);
    }
}
