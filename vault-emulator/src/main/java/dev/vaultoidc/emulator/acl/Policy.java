package dev.vaultoidc.emulator.acl;

import java.util.List;

/**
 * A parsed ACL policy: its name, the text it was written with, and its path blocks.
 *
 * <p>Immutable once parsed. The text is HCL1 or JSON, as Vault accepts; see {@link #parse}.
 */
public final class Policy {

    /** The built-in policy that allows everything; it has no text and cannot be changed. */
    public static final String ROOT = "root";

    /** The built-in policy every token gets unless it opts out; it can be changed, not deleted. */
    public static final String DEFAULT = "default";

    private final String name;
    private final String text;
    private final List<PathRule> rules;
    private final boolean templated;

    private Policy(String name, String text, List<PathRule> rules, boolean templated) {
        this.name = name;
        this.text = text;
        this.rules = List.copyOf(rules);
        this.templated = templated;
    }

    /**
     * Parses policy text as Vault does ({@code ParseACLPolicy}): HCL1, or JSON when the text starts with
     * {@code {}.
     *
     * @param name the policy's name (used to report which policies granted a capability)
     * @param text the policy text
     * @throws PolicyException with Vault's 400 text ({@code failed to parse policy: ...}) when Vault
     *     would refuse the policy
     */
    public static Policy parse(String name, String text) throws PolicyException {
        PolicyParser.Parsed parsed = PolicyParser.parse(text);
        return new Policy(name, text, parsed.rules(), parsed.templated());
    }

    /** The root policy: no path rules, but an {@link Acl} holding it allows everything. */
    static Policy root() {
        return new Policy(ROOT, "", List.of(), false);
    }

    /** The policy's name. */
    public String name() {
        return name;
    }

    /** The text the policy was written with, returned verbatim by {@code sys/policy/:name}. */
    public String text() {
        return text;
    }

    /**
     * Whether some path uses identity templating ({@code {{identity.entity.id}}}), so that the paths a
     * token gets depend on its entity.
     */
    public boolean templated() {
        return templated;
    }

    /** The path blocks in source order; for templated policies, with the templates unrendered. */
    List<PathRule> rules() {
        return rules;
    }

    @Override
    public String toString() {
        return "Policy[" + name + ", " + rules.size() + " paths]";
    }
}
