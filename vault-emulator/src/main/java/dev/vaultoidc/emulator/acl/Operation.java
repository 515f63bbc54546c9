package dev.vaultoidc.emulator.acl;

/**
 * What a request does, in Vault's terms (its {@code logical.Operation}).
 *
 * <p>The HTTP front maps verbs to these: GET is {@link #READ} (or {@link #LIST} with
 * {@code ?list=true}), LIST is {@link #LIST}, DELETE is {@link #DELETE}, PATCH is {@link #PATCH},
 * and PUT/POST are {@link #CREATE} when nothing exists at the path yet and {@link #UPDATE} otherwise
 * (backends without an existence check always get {@link #UPDATE}).
 */
public enum Operation {
    CREATE(Capability.CREATE),
    READ(Capability.READ),
    UPDATE(Capability.UPDATE),
    PATCH(Capability.PATCH),
    DELETE(Capability.DELETE),
    LIST(Capability.LIST),
    /** Renewals and revocations of leases; Vault checks {@code update} for them. */
    RENEW(Capability.UPDATE),
    REVOKE(Capability.UPDATE),
    /** Vault 1.20's snapshot recovery; needs {@code recover}. */
    RECOVER(Capability.RECOVER),
    /** {@code ?help=1}: always allowed, whatever the policies say. */
    HELP(null);

    final Capability needs;

    Operation(Capability needs) {
        this.needs = needs;
    }

    /** Whether Vault checks allowed, denied and required parameters for this operation. */
    boolean checksParameters() {
        return this == READ || this == UPDATE || this == CREATE || this == PATCH || this == RECOVER;
    }
}
