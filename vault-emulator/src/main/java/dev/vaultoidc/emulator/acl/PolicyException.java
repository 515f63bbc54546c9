package dev.vaultoidc.emulator.acl;

/**
 * A policy Vault would refuse, or a policy-store operation it would refuse; the message is Vault's
 * error text, which the HTTP layer returns verbatim in a 400 {@code {"errors":[...]}} body.
 */
public final class PolicyException extends Exception {

    private static final long serialVersionUID = 1L;

    PolicyException(String vaultMessage) {
        super(vaultMessage);
    }
}
