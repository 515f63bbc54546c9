package dev.vaultoidc.emulator.acl;

/**
 * One {@code path "..." { ... }} block after parsing.
 *
 * @param key the path as written (leading {@code /} removed), before any identity templating
 * @param path the path used for matching: a glob's trailing {@code *} is removed for plain prefix
 *     rules but kept for rules with {@code +} segments, as Vault stores them
 * @param prefix whether the rule ends in {@code *} and has no {@code +} segment
 * @param segmentWildcards whether the rule has a {@code +} segment
 * @param permissions what the block grants
 */
record PathRule(String key, String path, boolean prefix, boolean segmentWildcards, Permissions permissions) {

    /**
     * Classifies a path as Vault does: {@code +} as a whole segment makes a segment-wildcard rule;
     * otherwise a trailing {@code *} makes a prefix rule.
     */
    static PathRule of(String rawKey, Permissions permissions) throws PolicyException {
        String p = rawKey.startsWith("/") ? rawKey.substring(1) : rawKey;
        if (p.contains("+*")) {
            throw new PolicyException("path \"" + p + "\": invalid use of wildcards ('+*' is forbidden)");
        }
        boolean segments = p.equals("+") || p.contains("/+") || p.startsWith("+/");
        boolean prefix = false;
        String stored = p;
        if (p.endsWith("*") && !segments) {
            stored = p.substring(0, p.length() - 1);
            prefix = true;
        }
        return new PathRule(p, stored, prefix, segments, permissions);
    }
}
